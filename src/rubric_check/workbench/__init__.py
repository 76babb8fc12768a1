"""The reviewer's workbench in the browser (`rubric-check serve`)."""
