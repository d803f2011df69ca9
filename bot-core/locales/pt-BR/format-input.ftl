format-time-box-too-short = o tempo precisa ser de pelo menos { $min } (`30s`, `2m`)
format-time-box-too-long = o tempo pode ser no máximo { $max } (uma reunião inteira)
format-time-box-bad = { $why }; ou escreva { $none } ou { $closing }
format-text-too-long = o texto tem { $found } caracteres; por favor, deixe com no máximo { $max }
format-text-too-many-lines = o texto tem { $found } linhas; por favor, deixe com no máximo { $max }
format-document-empty = o documento está vazio
format-document-too-long = o documento tem { $bytes } bytes; um formato cabe em { $max }
format-document-not-text = o arquivo não é texto: um formato é um documento TOML (UTF-8)
