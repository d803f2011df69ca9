modal-format-text = Texto da parte { $part }
modal-welcome-set = Boas-vindas
