welcome-hello = Bonjour, et merci d’être là. C’est ta première fois dans cette réunion, alors voici comment ça se passe :
welcome-turns = Pendant un tour de partage, j’appelle chaque personne à son tour et je garde le temps, pour que tout le monde ait le même. Tu verras quand ton tour commence et quand il se termine.
welcome-pass = Partager n’est jamais une obligation. { $pass } passe ton tour, avant qu’il arrive ou au moment où il arrive, et je dis seulement que tu as passé. { $listen } veut dire que tu préfères simplement écouter aujourd’hui.
welcome-hand = Pour demander la parole, lève la main avec { $hand }.
welcome-crisis = Si c’est difficile en ce moment, { $crisis } te montre, en privé, où trouver de l’aide.
welcome-kept = Je garde ton nom d’affichage pendant que tu participes, la date de ton dernier check-in (pour ne t’accueillir qu’une fois) et, si cette réunion enregistre les présences, les dates de tes venues. Les mots de check-in sont effacés à la fermeture de la séance.
welcome-keeps = Je ne garde jamais ce que quelqu’un partage. { $my_data } montre tout ce que je garde sur toi, et { $forget } l’efface.
welcome-show-on = Une personne qui fait son check-in ici pour la première fois reçoit ceci, en privé ({ $off } l’arrête) :
welcome-show-off = L’accueil des nouvelles personnes est désactivé ({ $on } le réactive). Le voici :
welcome-set = L’accueil de cette réunion est enregistré. Une nouvelle personne le reçoit ainsi :
welcome-reset = Les nouvelles personnes reçoivent de nouveau l’accueil par défaut (pour le voir : { $welcome }).
welcome-fact = que tu as déjà fait ton check-in ici, la dernière fois le { $date } (gardé { $days ->
    [one] { $days } jour
   *[other] { $days } jours
}, pour ne t’accueillir qu’une fois)
