format-time-box-too-short = la durée doit être d’au moins { $min } (`30s`, `2m`)
format-time-box-too-long = la durée peut être au plus de { $max } (une réunion entière)
format-time-box-bad = { $why } ; ou écris { $none } ou { $closing }
format-text-too-long = le texte fait { $found } caractères ; garde-le à { $max } au plus, s’il te plaît
format-text-too-many-lines = le texte fait { $found } lignes ; garde-le à { $max } au plus, s’il te plaît
format-document-empty = le document est vide
format-document-too-long = le document fait { $bytes } octets ; un format tient en { $max }
format-document-not-text = le fichier n’est pas du texte : un format est un document TOML (UTF-8)
