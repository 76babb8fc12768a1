from rubric_check.cli import main

main()
