from cwprofile.cli import run

run()
