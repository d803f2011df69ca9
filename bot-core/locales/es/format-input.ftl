format-time-box-too-short = el tiempo debe ser de al menos { $min } (`30s`, `2m`)
format-time-box-too-long = el tiempo puede ser como mucho { $max } (una reunión entera)
format-time-box-bad = { $why }; o escribe { $none } o { $closing }
format-text-too-long = el texto tiene { $found } caracteres; por favor, déjalo en { $max } como máximo
format-text-too-many-lines = el texto tiene { $found } líneas; por favor, déjalo en { $max } como máximo
format-document-empty = el documento está vacío
format-document-too-long = el documento ocupa { $bytes } bytes; un formato cabe en { $max }
format-document-not-text = el archivo no es texto: un formato es un documento TOML (UTF-8)
