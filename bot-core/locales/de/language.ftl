language-name = { $code ->
    [es] Español
    [pt-BR] Português (Brasil)
    [de] Deutsch
    [fr] Français
   *[en] English
}
# A language named in running text, in this language's own words ("in German").
language-named = { $code ->
    [es] Spanisch
    [pt-BR] Portugiesisch (Brasilien)
    [de] Deutsch
    [fr] Französisch
   *[en] Englisch
}
language-yours = Hier antworte ich dir auf { $language }.
language-yours-app = Hier antworte ich dir auf { $language }, in der Sprache deiner App.
language-yours-default = Hier antworte ich dir auf { $language }, in der Sprache dieses Treffens.
language-choose = So wählst du eine andere Sprache für das, was ich nur dir sage:
language-set = Ab jetzt antworte ich dir hier auf { $language }. Zurück zur Sprache des Treffens geht es mit { $reset }.
language-reset = Ich antworte dir wieder in der Sprache deiner App, sonst in der dieses Treffens.
language-fact = die Sprache, die du hier für meine Antworten gewählt hast: { $language }
language-place-set = Alles, was ich hier poste, ist jetzt auf { $language }. Alle können weiterhin ihre eigene Sprache für meine Antworten an sie wählen.
