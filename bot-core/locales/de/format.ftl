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
format-describe-until-closing = die Zeit bis zum Abschluss gleich verteilt
format-describe-each = { $time } pro Person
format-describe-share-time-each = die Redezeit pro Person
format-describe-order = Reihenfolge { $order ->
    [checkin] checkin
    [shuffle] shuffle
   *[queue] queue
}
format-describe-crosstalk = Querreden { $policy ->
    [none] none
    [discussion] discussion
   *[open] open
}
format-describe-read-by = gelesen vom Dienst { $role }
format-text-size = Text mit { $chars ->
    [one] 1 Zeichen
   *[other] { $chars } Zeichen
}
format-part-refused = Teil { $number }: { $why }.
format-until-closing-share-only = nur ein Teilrunden-Teil kann die Zeit bis zum Abschluss bekommen
format-needs-time = ein Teil { $kind } braucht eine Zeit, zum Beispiel `{ $example }`
format-order-share-only = nur ein Teilrunden-Teil hat eine Reihenfolge
format-crosstalk-share-only = nur ein Teilrunden- oder Gesprächsteil hat eine Regel für Querreden
format-role-reading-only = nur eine Lesung wird von einem Dienst gelesen
format-unknown-kind = „{ $kind }“ ist keine Art von Teil; die Arten sind { $kinds }
format-no-parts-yet = Der Ablauf hat noch keine Teile. Füge einen mit { $add } hinzu.
format-parts-there-are = { $parts ->
    [one] Es gibt nur Teil 1.
   *[other] Es gibt die Teile 1 bis { $parts }.
}
format-too-many-parts = Ein Ablauf hat höchstens { $max } Teile; entferne zuerst einen mit { $remove }.
format-last-part = Ein Ablauf braucht mindestens einen Teil. Für Treffen ohne Ablauf nutze { $off }.
format-show = { $heading }{ $name } ({ $parts ->
    [one] 1 Teil
   *[other] { $parts } Teile
})
format-show-heading = Ablauf:{" "}
format-none = Dieser Ort hat keinen Ablauf: Sitzungen haben Teilrunden, wenn die Moderation sie startet. Die Verwaltung kann mit { $template } von einer Vorlage ausgehen (siehe { $list }) oder mit { $add } einen eigenen bauen.
format-export = Der Ablauf dieses Ortes als Dokument: Heb es auf, bearbeite es und gib es mit { $import } zurück.
format-templates = Vorlagen zum Start (Lesungen sind Platzhalter für die eigenen Texte eurer Gruppe):
format-part-said = { $verb ->
    [added] Teil { $number } hinzugefügt
    [moved] Teil { $number } verschoben
   *[changed] Teil { $number } geändert
}: { $title }
format-part-done = { $verb ->
    [added] Hinzugefügt.
    [moved] Verschoben.
   *[changed] Geändert.
}
format-import-refused = Das Dokument hat { $problems ->
    [one] 1 Problem
   *[other] { $problems } Probleme
}; der Ablauf bleibt unverändert:
format-doc-too-long = das Dokument hat { $bytes } Bytes; ein Ablauf passt in { $max }
format-doc-not-toml-at = Zeile { $line }: das ist kein TOML ({ $why }); { $export } zeigt die Form
format-doc-not-toml = das ist kein TOML ({ $why }); { $export } zeigt die Form
format-doc-in-part = Teil { $number }: { $problem }
format-doc-unknown-key = „{ $key }“ ist kein Schlüssel { $at ->
    [top] am Anfang
   *[part] eines Teils
}{ $close ->
    [yes] {" "}(meintest du `{ $suggest }`?)
   *[no] {""}
}; die Schlüssel sind { $keys }
format-doc-name-length = `name` muss 1 bis { $max } Zeichen lang sein, zum Beispiel `name = "Dienstagskreis"`
format-doc-name-text = `name` muss Text in Anführungszeichen sein, zum Beispiel `name = "Dienstagskreis"`
format-doc-parts-tables = jeder Teil muss eine `[[part]]`-Tabelle sein
format-doc-no-parts = der Ablauf hat keine Teile: füge mindestens einen `[[part]]` mit einem `kind` hinzu
format-doc-too-many-parts = der Ablauf hat { $parts } Teile; höchstens { $max }, bitte
format-doc-part-table = ein Teil muss eine `[[part]]`-Tabelle sein
format-doc-not-text = `{ $key }` muss Text in Anführungszeichen sein
format-doc-no-kind = er hat kein `kind`; gib eines davon an: { $kinds }
format-doc-title-length = `title` muss 1 bis { $max } Zeichen lang sein
format-doc-field = `{ $key }`: { $why }
format-doc-not-one-of = `{ $key }`: „{ $value }“ ist nicht eines von { $options }
format-doc-role-word = `role` muss ein einzelnes Wort sein, der Name eines Dienstes

format-default-title = { $kind ->
    [text] Begrüßung
    [reading] Lesung
    [silence] Moment der Stille
    [checkin] Ankommen
    [share] Teilen
    [discussion] Gespräch
    [announcements] Mitteilungen
    [break] Pause
   *[closing] Abschluss
}
format-default-name = Unser Treffen
format-unnamed = Unser Ablauf
