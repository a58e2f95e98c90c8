"""Contacts in and out: LinkedIn and vCard imports, vCard and CSV exports."""
