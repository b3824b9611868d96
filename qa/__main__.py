from qa.cli import entry

entry()
