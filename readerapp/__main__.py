from readerapp.cli import main

if __name__ == "__main__":  # worker processes (indexing) import this module without running it
    raise SystemExit(main())
