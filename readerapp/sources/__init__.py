"""Where a library's posts come from: its folder, other folders, git repositories."""
