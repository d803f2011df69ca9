voice-lost = ⚠ Je ne peux plus changer qui parle dans { $channel } : il me manque { $missing } là-bas. La réunion continue ici par écrit, et je ne touche plus au vocal tant qu’une personne qui administre n’a pas rendu la permission et relié de nouveau le salon avec { $link }.
voice-lost-still-muted = Aux personnes qui animent : j’ai peut-être laissé ces personnes en sourdine ; merci de la leur retirer à la main :
voice-floor-stage-started = Conférence lancée : { $topic }
voice-floor-step = { $step ->
    [to-speakers] vers les intervenants : { $names }
    [to-audience] de retour dans le public : { $names }
    [unmuted] sourdine retirée : { $names }
   *[muted] en sourdine : { $names }
}
voice-floor-stage-ended = Conférence terminée
voice-option-wrong-kind = { $kind ->
    [stage] C’est pour un salon vocal, et { $channel } est un salon conférence. En conférence personne n’est mis en sourdine : seule la personne qui parle passe parmi les intervenants.
   *[voice] C’est pour un salon conférence, et { $channel } est un salon vocal. Un salon vocal n’a pas de conférence à lancer ou à terminer.
}
voice-none-linked = Aucun salon vocal ou conférence n’est relié à cette réunion. Une personne qui administre peut en relier un avec { $link } (Discord).
voice-linked-to = 🔊 Relié à { $channel } ({ $kind ->
    [stage] salon conférence
   *[voice] salon vocal
}).
voice-not-changing = ⚠ Je ne change rien au vocal : il me manque { $missing }. Rends-la-moi, puis utilise de nouveau { $link }.
voice-status = 🔊 { $channel }
voice-status-lost = 🔊 { $channel } · aucun changement au vocal (permission manquante)
voice-status-unmuted = 🔊 { $channel } · personne n’est en sourdine
voice-fact-present = que tu es dans le salon vocal relié (gardé tant que tu y es)
voice-fact-muted = que je t’ai mis en sourdine sur le serveur pour ce tour de partage (retirée à la fin du tour ou quand tu pars)
voice-fact-unmuting = que je suis en train de retirer une sourdine serveur que je t’avais mise
voice-fact-owed = que je te dois un retrait de sourdine : tu as quitté le vocal pendant que je te gardais en sourdine, donc je la retire la prochaine fois que tu rejoins le vocal ici
voice-missing = Je ne peux pas gérer la parole dans { $channel } : il me manque { $missing } là-bas. Donne à mon rôle { $n ->
    [one] cette permission
   *[other] ces permissions
} dans les permissions du salon, puis relie-le de nouveau.
voice-permission = { $permission ->
    [view-channel] Voir le salon
    [manage-channels] Gérer les salons
    [mute-members] Rendre les membres muets
   *[move-members] Déplacer des membres
}
voice-permissions-and = { $first } et { $last }
voice-the-linked-channel = le salon relié
voice-linked = 🔊 { $channel } ({ $kind ->
    [stage] salon conférence
   *[voice] salon vocal
}) est maintenant relié à cette réunion.
voice-stage-how = Quand un tour commence, je fais passer la personne qui parle parmi les intervenants et la précédente de retour dans le public ; les personnes qui animent et celles qui modèrent la conférence ne sont jamais déplacées. Une demande de parole lève la main.
voice-stage-by-me = Je lance la conférence à l’ouverture d’une séance et je la termine à la clôture ({ $off } vous en laisse le soin).
voice-stage-by-you = Vous lancez et terminez la conférence vous-mêmes ({ $on } me laisse le faire avec la séance).
voice-mute-on = Pendant un tour de partage, je mets en sourdine tout le monde dans le salon sauf la personne qui parle et les personnes qui animent, et je retire la sourdine à la fin ({ $off } arrête cela).
voice-mute-off = Je ne mets personne en sourdine. { $on } met en sourdine tout le monde sauf la personne qui parle et les personnes qui animent pendant les tours de partage (sourdine serveur ; je retire chaque sourdine que je mets).
voice-pause-opens = Un tour en pause ouvre la parole à tout le monde ({ $keep } la laisse à la personne qui parle).
voice-pause-keeps = Un tour en pause laisse la parole à la personne qui parle ({ $open } l’ouvre à tout le monde).
voice-not-linked = Aucun salon vocal ou conférence n’est relié ici ; une personne qui administre peut en relier un avec { $link }.
voice-no-channel = Je ne trouve aucun salon vocal ou conférence nommé « { $name } » que je pourrais relier ici. Les salons vocaux et conférences sont ceux de Discord ; les appels Matrix n’ont pas de gestion de la parole, donc là-bas la réunion se passe par écrit.

# A Stage's topic when the session has no name.
voice-stage-topic = Réunion
