format-time-box-too-short = die Zeit muss mindestens { $min } sein (`30s`, `2m`)
format-time-box-too-long = die Zeit darf höchstens { $max } sein (ein ganzes Treffen)
format-time-box-bad = { $why }; oder schreib { $none } oder { $closing }
format-text-too-long = der Text hat { $found } Zeichen; bitte höchstens { $max }
format-text-too-many-lines = der Text hat { $found } Zeilen; bitte höchstens { $max }
format-document-empty = das Dokument ist leer
format-document-too-long = das Dokument hat { $bytes } Bytes; ein Format passt in { $max }
format-document-not-text = die Datei ist kein Text: ein Format ist ein TOML-Dokument (UTF-8)
