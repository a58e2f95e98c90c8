"""The checked model: typed fields, the schema of each kind, playbook.yaml, entities, assembly."""
