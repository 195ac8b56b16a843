from cwprofile.cli import main

main()
