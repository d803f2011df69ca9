language-name = { $code ->
    [es] Español
    [pt-BR] Português (Brasil)
    [de] Deutsch
    [fr] Français
   *[en] English
}
# A language named in running text, in this language's own words ("in German").
language-named = { $code ->
    [es] espagnol
    [pt-BR] portugais (Brésil)
    [de] allemand
    [fr] français
   *[en] anglais
}
language-yours = Ici, je te réponds en { $language }.
language-yours-app = Ici, je te réponds en { $language }, la langue de ton application.
language-yours-default = Ici, je te réponds en { $language }, la langue de cette réunion.
language-choose = Pour choisir une autre langue pour ce que je te dis à toi seul·e :
language-set = Désormais, je te réponds ici en { $language }. Pour revenir à la langue de la réunion, utilise { $reset }.
language-reset = Je te réponds de nouveau dans la langue de ton application, sinon dans celle de cette réunion.
language-fact = la langue que tu as choisie pour mes réponses ici : { $language }
language-place-set = Tout ce que je publie ici est maintenant en { $language }. Chaque personne peut toujours choisir sa propre langue pour mes réponses.
