format-kind = { $kind ->
    [text] text
    [reading] reading
    [silence] silence
    [checkin] checkin
    [share] share
    [discussion] discussion
    [announcements] announcements
    [break] break
   *[closing] closing
}
format-describe-until-closing = le temps jusqu’à la clôture partagé à parts égales
format-describe-each = { $time } par personne
format-describe-share-time-each = le temps de parole par personne
format-describe-order = ordre { $order ->
    [checkin] checkin
    [shuffle] shuffle
   *[queue] queue
}
format-describe-crosstalk = échanges croisés { $policy ->
    [none] none
    [discussion] discussion
   *[open] open
}
format-describe-read-by = lu par la personne au rôle { $role }
format-text-size = texte de { $chars ->
    [one] { $chars } caractère
   *[other] { $chars } caractères
}
format-part-refused = Partie { $number } : { $why }.
format-until-closing-share-only = seule une partie de partage peut prendre le temps jusqu’à la clôture
format-needs-time = une partie { $kind } a besoin d’une durée, comme `{ $example }`
format-order-share-only = seule une partie de partage a un ordre
format-crosstalk-share-only = seule une partie de partage ou de discussion a une règle sur les échanges croisés
format-role-reading-only = seule une lecture est lue par un rôle de service
format-unknown-kind = « { $kind } » n’est pas un type de partie ; les types sont { $kinds }
format-no-parts-yet = Le format n’a pas encore de partie. Ajoutes-en une avec { $add }.
format-parts-there-are = { $parts ->
    [one] Il n’y a que la partie 1.
   *[other] Il y a les parties 1 à { $parts }.
}
format-too-many-parts = Un format a au maximum { $max } parties ; retires-en d’abord une avec { $remove }.
format-last-part = Un format a besoin d’au moins une partie. Pour des réunions sans format, utilise { $off }.
format-show = { $heading }{ $name } ({ $parts ->
    [one] { $parts } partie
   *[other] { $parts } parties
})
format-show-heading = Format :{" "}
format-none = Ce lieu n’a pas de format de réunion : les séances font des tours de partage quand la personne qui anime les lance. Une personne qui administre peut partir d’un modèle avec { $template } (voir { $list }), ou en construire un avec { $add }.
format-export = Le format de ce lieu sous forme de document : garde-le, modifie-le et rends-le-moi avec { $import }.
format-templates = Modèles pour commencer (les lectures sont des emplacements pour les textes propres à ton groupe) :
format-part-said = { $verb ->
    [added] Partie { $number } ajoutée
    [moved] Partie { $number } déplacée
   *[changed] Partie { $number } modifiée
} : { $title }
format-part-done = { $verb ->
    [added] Ajoutée.
    [moved] Déplacée.
   *[changed] Modifiée.
}
format-import-refused = Le document a { $problems ->
    [one] { $problems } problème
   *[other] { $problems } problèmes
} ; le format n’a pas changé :
format-doc-too-long = le document fait { $bytes } octets ; un format tient en { $max }
format-doc-not-toml-at = ligne { $line } : ce n’est pas du TOML ({ $why }) ; { $export } montre la forme
format-doc-not-toml = ce n’est pas du TOML ({ $why }) ; { $export } montre la forme
format-doc-in-part = partie { $number } : { $problem }
format-doc-unknown-key = « { $key } » n’est pas une clé { $at ->
    [top] du début
   *[part] d’une partie
}{ $close ->
    [yes] {" "}(voulais-tu dire `{ $suggest }` ?)
   *[no] {""}
} ; les clés sont { $keys }
format-doc-name-length = `name` doit faire de 1 à { $max } caractères, comme `name = "Cercle du mardi"`
format-doc-name-text = `name` doit être du texte entre guillemets, comme `name = "Cercle du mardi"`
format-doc-parts-tables = chaque partie doit être une table `[[part]]`
format-doc-no-parts = le format n’a pas de partie : ajoute au moins une `[[part]]` avec un `kind`
format-doc-too-many-parts = le format a { $parts } parties ; { $max } au maximum, s’il te plaît
format-doc-part-table = une partie doit être une table `[[part]]`
format-doc-not-text = `{ $key }` doit être du texte entre guillemets
format-doc-no-kind = elle n’a pas de `kind` ; indique l’un de ceux-ci : { $kinds }
format-doc-title-length = `title` doit faire de 1 à { $max } caractères
format-doc-field = `{ $key }` : { $why }
format-doc-not-one-of = `{ $key }` : « { $value } » ne fait pas partie de { $options }
format-doc-role-word = `role` doit être un seul mot, le nom d’un rôle de service

format-default-title = { $kind ->
    [text] Accueil
    [reading] Lecture
    [silence] Moment de silence
    [checkin] Tour d’arrivée
    [share] Partage
    [discussion] Discussion
    [announcements] Annonces
    [break] Pause
   *[closing] Clôture
}
format-default-name = Notre réunion
format-unnamed = Notre format
