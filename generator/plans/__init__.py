"""What the model implies, purely: agendas, follow-ups, guardrails, the ranking."""
