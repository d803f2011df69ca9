language-name = { $code ->
    [es] Español
    [pt-BR] Português (Brasil)
    [de] Deutsch
    [fr] Français
   *[en] English
}
# A language named in running text, in this language's own words ("in German").
language-named = { $code ->
    [es] español
    [pt-BR] portugués (Brasil)
    [de] alemán
    [fr] francés
   *[en] inglés
}
language-yours = Aquí te respondo en { $language }.
language-yours-app = Aquí te respondo en { $language }, el idioma de tu aplicación.
language-yours-default = Aquí te respondo en { $language }, el idioma de esta reunión.
language-choose = Para elegir otro idioma para lo que te digo solo a ti:
language-set = Desde ahora te respondo aquí en { $language }. Para volver al idioma de la reunión, usa { $reset }.
language-reset = Vuelvo a responderte en el idioma de tu aplicación o, si no, en el de esta reunión.
language-fact = el idioma que elegiste para mis respuestas aquí: { $language }
language-place-set = Todo lo que publico aquí está ahora en { $language }. Cada persona puede seguir eligiendo su propio idioma para mis respuestas.
