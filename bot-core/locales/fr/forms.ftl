modal-format-text = Texte de la partie { $part }
modal-welcome-set = Accueil
