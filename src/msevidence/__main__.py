from msevidence.cli import main

main()
