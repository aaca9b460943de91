"""Where sources come from: files, standard input, pasted text (and links, in `fetch`), turned into Documents."""
