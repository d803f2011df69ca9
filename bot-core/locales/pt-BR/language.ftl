language-name = { $code ->
    [es] Español
    [pt-BR] Português (Brasil)
    [de] Deutsch
    [fr] Français
   *[en] English
}
# A language named in running text, in this language's own words ("in German").
language-named = { $code ->
    [es] espanhol
    [pt-BR] português (Brasil)
    [de] alemão
    [fr] francês
   *[en] inglês
}
language-yours = Aqui eu te respondo em { $language }.
language-yours-app = Aqui eu te respondo em { $language }, o idioma do seu aplicativo.
language-yours-default = Aqui eu te respondo em { $language }, o idioma desta reunião.
language-choose = Para escolher outro idioma para o que eu digo só para você:
language-set = A partir de agora eu te respondo aqui em { $language }. Para voltar ao idioma da reunião, use { $reset }.
language-reset = Volto a te responder no idioma do seu aplicativo ou, se não houver, no desta reunião.
language-fact = o idioma que você escolheu para as minhas respostas aqui: { $language }
language-place-set = Tudo o que eu publico aqui agora está em { $language }. Cada pessoa ainda pode escolher o próprio idioma para as minhas respostas.
