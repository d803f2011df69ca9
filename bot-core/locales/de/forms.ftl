modal-format-text = Text von Teil { $part }
modal-welcome-set = Willkommen
