modal-format-text = Texto de la parte { $part }
modal-welcome-set = Bienvenida
