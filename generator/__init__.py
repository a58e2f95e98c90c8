"""playbook: compile a job search kept in Markdown into a private HTML playbook."""

__version__ = "0.1.0"
