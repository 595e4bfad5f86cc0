from regint.cli import main

main()
