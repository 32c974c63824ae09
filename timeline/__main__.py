from timeline.cli import run

run()
