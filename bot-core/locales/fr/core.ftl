duration-hours = { $n ->
    [one] 1 heure
   *[other] { $n } heures
}
duration-minutes = { $n ->
    [one] 1 minute
   *[other] { $n } minutes
}
duration-seconds = { $n ->
    [one] 1 seconde
   *[other] { $n } secondes
}
time-in = dans { $duration }
time-ago = il y a { $duration }

no-session = Aucune séance n’est ouverte ici. Une personne qui anime peut en ouvrir une avec { $open }.
no-round = Aucun tour de partage n’est en cours. Une personne qui anime peut en lancer un avec { $start }.
not-allowed = { $who ->
    [host] Seules les personnes qui animent ou administrent peuvent utiliser
    [admin] Seules les personnes qui administrent peuvent utiliser
   *[member] Tout le monde peut utiliser
} { $command }.
unknown-member = Je ne connais personne qui s’appelle « { $name } » ici.
ambiguous-member = Plusieurs personnes s’appellent « { $name } » : merci de les mentionner au lieu de taper le nom.
that-name = ce nom
ordinal = { $n ->
    [1] 1er
   *[other] { $n }e
}

button-hand = Lever la main
button-hand-down = Baisser la main
button-done = J’ai fini
button-pass = Je passe

try-again = Quelque chose s’est mal passé de mon côté et rien n’a été modifié. Réessaie dans un instant, s’il te plaît.
option-error = Je n’ai pas compris { $option } : { $why }. Essaie { $example }.
option-error-unnamed = Je n’ai pas compris : { $why }. Essaie { $example }.
discord-dm-only = sharecircle anime des réunions dans les salons d’un serveur : utilise-le là-bas, s’il te plaît.
discord-unknown-command = Je ne connais plus cette commande : Discord met peut-être encore à jour la liste. Réessaie dans une minute.
discord-old-form = Ce formulaire vient d’une ancienne version de moi : utilise plutôt les commandes slash.
discord-old-button = Ce bouton vient d’une ancienne version de moi : utilise plutôt les commandes slash.
