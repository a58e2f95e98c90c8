"""The choices the command line offers, kept apart from the modules that act on them
(`generator.build`, `generator.scaffold`, `generator.model.redact`), so that its parser
can offer them without loading a whole build: `playbook --help` and a mistyped option
are told at once."""

OWNER, COACH = "owner", "coach"
"""Whom a build is for: you, or a coach or friend who helps you (`build.Audience`)."""
AUDIENCES = (OWNER, COACH)
NAME_STYLES = ("initials", "first", "full")
"""How contacts' names show: `P. N.`, `Priya N.`, or `Priya Natarajan`."""
NEW_KINDS = ("contact", "company", "meeting")
"""What `playbook new` adds a file for."""
