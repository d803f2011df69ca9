# What is wrong with a part's time box, a part's text or a format document as an admin gave it.
# Each completes "I didn't understand “…”: { $why }." (so no final full stop).

# $min and $max are durations, spoken.
format-time-box-too-short = a time box must be at least { $min } (`30s`, `2m`)
format-time-box-too-long = a time box can be at most { $max } (a whole meeting)
# $why says what is wrong with the duration; $none and $closing are the words to type instead.
format-time-box-bad = { $why }; or say { $none } or { $closing }
# $found is how many characters (or lines) the text has, $max how many it may have.
format-text-too-long = the text is { $found } characters; please keep it to { $max }
format-text-too-many-lines = the text has { $found } lines; please keep it to { $max }
format-document-empty = the document is empty
# $bytes is the document's size, $max the most a format may have (both in bytes).
format-document-too-long = the document is { $bytes } bytes; a format fits in { $max }
format-document-not-text = the file is not text: a format is a TOML document (UTF-8)
