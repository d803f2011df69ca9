help-list = Commandes (écris { $help } pour en savoir plus) :
help-heading = { $who ->
    [host] Pour les personnes qui animent
    [admin] Pour les personnes qui administrent
   *[member] Pour tout le monde
}
help-unknown = La commande `{ $topic }` n’existe pas. Écris { $help } pour voir la liste.
help-command = { $usage } — { $summary }.
help-arg = { $name } : { $help }{ $required ->
    [yes] {""}
   *[no] {" "}(facultatif)
}
help-who = Qui : { $who ->
    [host] les personnes qui animent ou administrent
    [admin] les personnes qui administrent
   *[member] tout le monde
}. Exemple : { $example }
help-aliases = Aussi : { $aliases }
