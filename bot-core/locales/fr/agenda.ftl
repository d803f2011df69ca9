agenda-none = Cette réunion n’a pas de déroulé à suivre. Une personne qui administre peut en choisir un avec { $choose } (voir { $list }).
agenda-checkin-how = Fais ton check-in avec { $checkin } (un mot sur ce que tu ressens si tu veux), ou { $listen } pour simplement écouter.
agenda-waiting-hands = Lève la main avec { $hand } pour partager ; la personne qui anime lance le tour avec { $start }.
agenda-waiting-checkins = Fais ton check-in avec { $checkin } pour participer ; quand tout le monde est là, la personne qui anime lance le tour avec { $start }.
agenda-no-end = On ne connaît pas l’heure de fin de cette réunion, donc chaque personne partage { $each }. La personne qui anime peut fixer la fin avec { $set }.
agenda-budget = Nous partageons le temps jusqu’à la clôture à { $closing } : { $each } pour chacune des { $waiting ->
    [one] { $waiting } personne
   *[other] { $waiting } personnes
} qui doivent encore partager ; si quelqu’un passe ou finit plus tôt, les autres ont plus de temps.
agenda-budget-hands = Nous partageons le temps jusqu’à la clôture à { $closing } : à { $each } par personne, environ { $fit } des { $waiting } personnes peuvent partager, donc le tour se fait par mains levées : les personnes qui n’ont pas encore partagé aujourd’hui passent en premier.
agenda-part-ended = Fin de { $title }.
agenda-last-part-over = C’était la dernière partie du déroulé. La personne qui anime ferme la séance avec { $close }.
agenda-first-part = C’est la première partie du déroulé.
agenda-part-under-way = La partie { $n } est en cours.
agenda-nothing-to-skip = Il ne reste aucune partie à sauter après celle-ci.
agenda-part-over-already = La partie { $n } est déjà passée ; pour y revenir, utilise { $go }.
agenda-part-skipped-already = La partie { $n } est déjà sautée.
agenda-part-will-skip = La partie { $n }, { $title }, sera sautée. { $go } la rétablit.
agenda-over = Le déroulé est terminé. La personne qui anime ferme la séance avec { $close }.
agenda-over-short = Le déroulé est terminé.
agenda-part-warning = { $title } : encore { $left }, jusqu’à { $until }.
agenda-part-heading = Partie { $n } sur { $total } :
agenda-part-begins = { $heading } { $title }.
agenda-part-begins-until = { $heading } { $title }, jusqu’à { $until } ({ $relative }).
agenda-read-by = Lecture par { $reader }.
agenda-reader-wanted = Quelqu’un voudrait lire ? La personne qui anime demande qui se porte volontaire.
agenda-discussion = Les réactions croisées sont maintenant les bienvenues.
agenda-silence = Prenons ensemble un moment de silence.
agenda-break = Fais une pause ; on reprend à la fin.
agenda-listing-heading = Déroulé :
agenda-listing = { $heading } { $name }
agenda-entry-timed = { $about ->
    [yes] { $n }. { $from }–vers { $to } { $title }
   *[no] { $n }. { $from }–{ $to } { $title }
}
agenda-entry-from = { $n }. à partir de { $from } { $title }
agenda-entry = { $n }. { $title }
agenda-entry-now = (en cours)
agenda-entry-done = (terminée)
agenda-entry-skipped = (sautée)
