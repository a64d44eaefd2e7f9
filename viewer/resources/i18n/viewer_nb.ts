<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nb_NO">
<context>
    <name>BookmarkDialog</name>
    <message>
        <location filename="../../ui/bookmark_dialog.py" line="60"/>
        <location filename="../../ui/bookmark_dialog.py" line="108"/>
        <source>Bookmark</source>
        <translation>Bokmerke</translation>
    </message>
    <message>
        <location filename="../../ui/bookmark_dialog.py" line="68"/>
        <source>Your note (optional; Ctrl+Enter saves)</source>
        <translation>Notatet ditt (valgfritt; Ctrl+Enter lagrer)</translation>
    </message>
    <message>
        <location filename="../../ui/bookmark_dialog.py" line="71"/>
        <source>tags, separated by commas</source>
        <translation>stikkord, skilt med komma</translation>
    </message>
    <message>
        <location filename="../../ui/bookmark_dialog.py" line="81"/>
        <source>Note</source>
        <translation>Notat</translation>
    </message>
    <message>
        <location filename="../../ui/bookmark_dialog.py" line="82"/>
        <source>Tags</source>
        <translation>Stikkord</translation>
    </message>
    <message>
        <location filename="../../ui/bookmark_dialog.py" line="109"/>
        <source>Throw away what you typed?</source>
        <translation>Forkaste det du har skrevet?</translation>
    </message>
    <message>
        <location filename="../../ui/bookmark_dialog.py" line="110"/>
        <source>Discard</source>
        <translation>Forkast</translation>
    </message>
    <message>
        <location filename="../../ui/bookmark_dialog.py" line="111"/>
        <source>Keep editing</source>
        <translation>Fortsett å skrive</translation>
    </message>
</context>
<context>
    <name>BookmarkExporter</name>
    <message>
        <location filename="../../ui/bookmarks_export.py" line="54"/>
        <location filename="../../ui/bookmarks_export.py" line="70"/>
        <source>Export bookmarks</source>
        <translation>Eksporter bokmerker</translation>
    </message>
    <message>
        <location filename="../../ui/bookmarks_export.py" line="55"/>
        <source>The list shows {shown} of your {total} bookmarks.</source>
        <translation>Listen viser {shown} av dine {total} bokmerker.</translation>
    </message>
    <message>
        <location filename="../../ui/bookmarks_export.py" line="56"/>
        <source>Export only the bookmarks shown, or all of them?</source>
        <translation>Eksportere bare bokmerkene som vises, eller alle?</translation>
    </message>
    <message>
        <location filename="../../ui/bookmarks_export.py" line="57"/>
        <source>Export the {n} shown</source>
        <translation>Eksporter de {n} som vises</translation>
    </message>
    <message>
        <location filename="../../ui/bookmarks_export.py" line="58"/>
        <source>Export all {n}</source>
        <translation>Eksporter alle {n}</translation>
    </message>
    <message>
        <location filename="../../ui/bookmarks_export.py" line="69"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../../ui/bookmarks_export.py" line="69"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/bookmarks_export.py" line="69"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/bookmarks_export.py" line="87"/>
        <source>The bookmarks could not be written to {path}: {error}</source>
        <translation>Bokmerkene kunne ikke skrives til {path}: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/bookmarks_export.py" line="92"/>
        <source>Exported 1 bookmark to {file} in {folder}.</source>
        <translation>Eksporterte 1 bokmerke til {file} i {folder}.</translation>
    </message>
    <message>
        <location filename="../../ui/bookmarks_export.py" line="94"/>
        <source>Exported {n} bookmarks to {file} in {folder}.</source>
        <translation>Eksporterte {n} bokmerker til {file} i {folder}.</translation>
    </message>
</context>
<context>
    <name>BookmarksModel</name>
    <message>
        <location filename="../../ui/bookmarks_model.py" line="39"/>
        <source>{title} · created {created} · {status}</source>
        <translation>{title} · opprettet {created} · {status}</translation>
    </message>
    <message>
        <location filename="../../ui/bookmarks_model.py" line="61"/>
        <source>moved</source>
        <translation>flyttet</translation>
    </message>
    <message>
        <location filename="../../ui/bookmarks_model.py" line="61"/>
        <source>orphaned</source>
        <translation>foreldreløs</translation>
    </message>
    <message>
        <location filename="../../ui/bookmarks_model.py" line="64"/>
        <source>document not loaded</source>
        <translation>dokumentet er ikke lastet</translation>
    </message>
</context>
<context>
    <name>BookmarksPanel</name>
    <message>
        <location filename="../../ui/bookmarks_panel.py" line="46"/>
        <source>Bookmarks</source>
        <translation>Bokmerker</translation>
    </message>
    <message>
        <location filename="../../ui/bookmarks_panel.py" line="52"/>
        <source>Search notes, quotes and tags</source>
        <translation>Søk i notater, sitater og stikkord</translation>
    </message>
    <message>
        <location filename="../../ui/bookmarks_panel.py" line="59"/>
        <location filename="../../ui/bookmarks_panel.py" line="137"/>
        <source>All documents</source>
        <translation>Alle dokumenter</translation>
    </message>
    <message>
        <location filename="../../ui/bookmarks_panel.py" line="75"/>
        <source>Edit…</source>
        <translation>Rediger…</translation>
    </message>
    <message>
        <location filename="../../ui/bookmarks_panel.py" line="75"/>
        <source>Edit the note and tags of the selected bookmark</source>
        <translation>Rediger notatet og stikkordene til det valgte bokmerket</translation>
    </message>
    <message>
        <location filename="../../ui/bookmarks_panel.py" line="76"/>
        <source>Delete</source>
        <translation>Slett</translation>
    </message>
    <message>
        <location filename="../../ui/bookmarks_panel.py" line="76"/>
        <source>Delete the selected bookmark (Delete)</source>
        <translation>Slett det valgte bokmerket (Delete)</translation>
    </message>
    <message>
        <location filename="../../ui/bookmarks_panel.py" line="77"/>
        <location filename="../../ui/bookmarks_panel.py" line="155"/>
        <source>Undo</source>
        <translation>Angre</translation>
    </message>
    <message>
        <location filename="../../ui/bookmarks_panel.py" line="77"/>
        <source>Bring back the bookmark just deleted</source>
        <translation>Hent tilbake bokmerket som nettopp ble slettet</translation>
    </message>
    <message>
        <location filename="../../ui/bookmarks_panel.py" line="79"/>
        <source>Export</source>
        <translation>Eksporter</translation>
    </message>
    <message>
        <location filename="../../ui/bookmarks_panel.py" line="79"/>
        <source>Export the bookmarks shown</source>
        <translation>Eksporter bokmerkene som vises</translation>
    </message>
    <message>
        <location filename="../../ui/bookmarks_panel.py" line="82"/>
        <source>Markdown…</source>
        <translation>Markdown…</translation>
    </message>
    <message>
        <location filename="../../ui/bookmarks_panel.py" line="82"/>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/bookmarks_panel.py" line="82"/>
        <source>JSON…</source>
        <translation>JSON…</translation>
    </message>
    <message>
        <location filename="../../ui/bookmarks_panel.py" line="95"/>
        <source>Deleted</source>
        <translation>Slettede</translation>
    </message>
    <message>
        <location filename="../../ui/bookmarks_panel.py" line="96"/>
        <source>Show deleted bookmarks, to restore them</source>
        <translation>Vis slettede bokmerker for å gjenopprette dem</translation>
    </message>
    <message>
        <location filename="../../ui/bookmarks_panel.py" line="155"/>
        <source>Restore</source>
        <translation>Gjenopprett</translation>
    </message>
    <message>
        <location filename="../../ui/bookmarks_panel.py" line="160"/>
        <source>{shown} of {total} bookmarks</source>
        <translation>{shown} av {total} bokmerker</translation>
    </message>
    <message>
        <location filename="../../ui/bookmarks_panel.py" line="162"/>
        <source>{n} orphaned (their text is gone; kept and exportable)</source>
        <translation>{n} foreldreløse (teksten er borte; beholdt og kan eksporteres)</translation>
    </message>
    <message>
        <location filename="../../ui/bookmarks_panel.py" line="164"/>
        <source>{n} deleted bookmarks (select one and press Restore)</source>
        <translation>{n} slettede bokmerker (velg ett og trykk Gjenopprett)</translation>
    </message>
    <message>
        <location filename="../../ui/bookmarks_panel.py" line="166"/>
        <source>No bookmarks yet: select text or click in a passage and press Ctrl+D.</source>
        <translation>Ingen bokmerker ennå: merk tekst eller klikk i et avsnitt og trykk Ctrl+D.</translation>
    </message>
    <message>
        <location filename="../../ui/bookmarks_panel.py" line="173"/>
        <source>All tags</source>
        <translation>Alle stikkord</translation>
    </message>
</context>
<context>
    <name>CollectionsDialog</name>
    <message>
        <location filename="../../ui/library_dialogs.py" line="181"/>
        <source>Collections</source>
        <translation>Samlinger</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="185"/>
        <source>Collection</source>
        <translation>Samling</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="185"/>
        <source>Documents</source>
        <translation>Dokumenter</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="185"/>
        <source>Where</source>
        <translation>Hvor</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="192"/>
        <location filename="../../ui/library_dialogs.py" line="211"/>
        <source>Remove collection</source>
        <translation>Fjern samlingen</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="193"/>
        <source>Its documents leave the index; bookmarks on them are kept (shown as orphaned)</source>
        <translation>Dokumentene fjernes fra indeksen; bokmerker på dem beholdes (vises som foreldreløse)</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="213"/>
        <source>Remove “{name}” and its {n} documents from the library? The files stay where they are, and bookmarks on them are kept (shown as orphaned); add the folder again to bring them back.</source>
        <translation>Fjerne «{name}» og de {n} dokumentene fra biblioteket? Filene blir liggende der de er, og bokmerker på dem beholdes (vist som foreldreløse); legg til mappen igjen for å få dem tilbake.</translation>
    </message>
</context>
<context>
    <name>Concordance</name>
    <message>
        <location filename="../../ui/concordance_model.py" line="117"/>
        <source>As found</source>
        <translation>Slik de ble funnet</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_model.py" line="118"/>
        <source>1st word left</source>
        <translation>1. ord til venstre</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_model.py" line="119"/>
        <source>2nd word left</source>
        <translation>2. ord til venstre</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_model.py" line="120"/>
        <source>3rd word left</source>
        <translation>3. ord til venstre</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_model.py" line="121"/>
        <source>1st word right</source>
        <translation>1. ord til høyre</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_model.py" line="122"/>
        <source>2nd word right</source>
        <translation>2. ord til høyre</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_model.py" line="123"/>
        <source>3rd word right</source>
        <translation>3. ord til høyre</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_model.py" line="124"/>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_model.py" line="125"/>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
</context>
<context>
    <name>ConcordanceArea</name>
    <message>
        <location filename="../../ui/concordance_panel.py" line="205"/>
        <source>Sort the lines (or click a column&apos;s header)</source>
        <translation>Sorter linjene (eller klikk på en kolonneoverskrift)</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_panel.py" line="213"/>
        <source>Sort:</source>
        <translation>Sorter:</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_panel.py" line="248"/>
        <source>No matches for “{query}”.</source>
        <translation>Ingen treff for «{query}».</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_panel.py" line="250"/>
        <source>1 match</source>
        <translation>1 treff</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_panel.py" line="250"/>
        <source>{n} matches</source>
        <translation>{n} treff</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_panel.py" line="255"/>
        <source>the first {n} matches</source>
        <translation>de første {n} treffene</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_panel.py" line="253"/>
        <source>the first {n} matches · making the rest…</source>
        <translation>de første {n} treffene · lager resten…</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_panel.py" line="258"/>
        <source>{n} with a translation</source>
        <translation>{n} med oversettelse</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_panel.py" line="260"/>
        <source>showing the {n} whose translation has “{word}”</source>
        <translation>viser de {n} der oversettelsen har «{word}»</translation>
    </message>
</context>
<context>
    <name>ConcordanceController</name>
    <message>
        <location filename="../../ui/concordance_controller.py" line="128"/>
        <source>The search index is being built; the concordance will appear when it is ready.</source>
        <translation>Søkeindeksen bygges; konkordansen kommer når den er klar.</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_controller.py" line="170"/>
        <source>Making the concordance of “{query}”…</source>
        <translation>Lager konkordansen for «{query}» …</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_controller.py" line="173"/>
        <source>{done} of {total} texts read</source>
        <translation>{done} av {total} tekster lest</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_controller.py" line="175"/>
        <source>The first one after an import reads every aligned text in the library to learn its translations (in a large library this takes a while); later ones are quick.</source>
        <translation>Den første etter en import leser alle parallelle tekster i biblioteket for å lære oversettelsene (i et stort bibliotek tar det litt tid); senere går det raskt.</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_controller.py" line="211"/>
        <source>The concordance failed: {error}</source>
        <translation>Konkordansen mislyktes: {error}</translation>
    </message>
</context>
<context>
    <name>ConcordanceModel</name>
    <message>
        <location filename="../../ui/concordance_model.py" line="198"/>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_model.py" line="198"/>
        <source>Left context</source>
        <translation>Venstre kontekst</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_model.py" line="198"/>
        <source>Match</source>
        <translation>Treff</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_model.py" line="198"/>
        <source>Right context</source>
        <translation>Høyre kontekst</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_model.py" line="234"/>
        <source>Aligned {lang}</source>
        <translation>Parallell {lang}</translation>
    </message>
</context>
<context>
    <name>ConcordanceSide</name>
    <message>
        <location filename="../../ui/concordance_panel.py" line="106"/>
        <source>Show all lines</source>
        <translation>Vis alle linjene</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_panel.py" line="109"/>
        <source>&lt;b&gt;Forms matched&lt;/b&gt;</source>
        <translation>&lt;b&gt;Former som traff&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_panel.py" line="130"/>
        <source>Making the concordance of “{query}”…</source>
        <translation>Lager konkordansen for «{query}» …</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_panel.py" line="132"/>
        <source>Its translations come with its lines.</source>
        <translation>Oversettelsene kommer sammen med linjene.</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_panel.py" line="140"/>
        <source>Type a word to see its concordance.</source>
        <translation>Skriv et ord for å se konkordansen.</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_panel.py" line="145"/>
        <source>&lt;b&gt;Translations of “{word}”&lt;/b&gt; · click one to keep the lines it is in</source>
        <translation>&lt;b&gt;Oversettelser av «{word}»&lt;/b&gt; · klikk på en for å beholde linjene den står i</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_panel.py" line="149"/>
        <source>No translations of “{word}” are known from the aligned texts.</source>
        <translation>Ingen oversettelser av «{word}» er kjent fra de parallelle tekstene.</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_panel.py" line="156"/>
        <source>{lang}, score {score:.2f}: in {lines} of these lines and {pairs} aligned sentence pairs</source>
        <translation>{lang}, poeng {score:.2f}: i {lines} av disse linjene og {pairs} parallelle setningspar</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_words.py" line="16"/>
        <source>No concordance lines for “{query}”.</source>
        <translation>Ingen konkordanslinjer for «{query}».</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_words.py" line="20"/>
        <source>1 concordance line</source>
        <translation>1 konkordanslinje</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_words.py" line="22"/>
        <source>{n} concordance lines</source>
        <translation>{n} konkordanslinjer</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_words.py" line="25"/>
        <source>in 1 document</source>
        <translation>i 1 dokument</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_words.py" line="27"/>
        <source>in {n} documents</source>
        <translation>i {n} dokumenter</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_words.py" line="30"/>
        <source>(the first ones)</source>
        <translation>(de første)</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_words.py" line="37"/>
        <source>seen in 1 aligned sentence pair in the library</source>
        <translation>sett i 1 parallelt setningspar i biblioteket</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_words.py" line="39"/>
        <source>seen in {n} aligned sentence pairs in the library</source>
        <translation>sett i {n} parallelle setningspar i biblioteket</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_words.py" line="43"/>
        <source>in none of these lines; {seen}</source>
        <translation>i ingen av disse linjene; {seen}</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_words.py" line="45"/>
        <source>in 1 of these lines; {seen}</source>
        <translation>i 1 av disse linjene; {seen}</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_words.py" line="46"/>
        <source>in {n} of these lines; {seen}</source>
        <translation>i {n} av disse linjene; {seen}</translation>
    </message>
</context>
<context>
    <name>ConcordanceView</name>
    <message>
        <location filename="../../ui/concordance_view.py" line="198"/>
        <source>Open in the reader	Enter</source>
        <translation>Åpne i leseren	Enter</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_view.py" line="199"/>
        <source>Open side by side	Shift+Enter</source>
        <translation>Åpne side ved side	Shift+Enter</translation>
    </message>
</context>
<context>
    <name>CounterpartsBar</name>
    <message>
        <location filename="../../ui/counterparts.py" line="46"/>
        <source>Click a translation to read it side by side (Ctrl+T). A search hit opens side by side with a confirmed translation, or with a suggestion scoring at least {score:.2f}. Right-click for every action.</source>
        <translation>Klikk på en oversettelse for å lese den side ved side (Ctrl+T). Et søketreff åpnes side ved side med en bekreftet oversettelse, eller med et forslag med skår på minst {score:.2f}. Høyreklikk for alle handlinger.</translation>
    </message>
    <message>
        <location filename="../../ui/counterparts.py" line="71"/>
        <source>No translation paired</source>
        <translation>Ingen oversettelse koblet</translation>
    </message>
    <message>
        <location filename="../../ui/counterparts.py" line="75"/>
        <source>Translations:</source>
        <translation>Oversettelser:</translation>
    </message>
    <message>
        <location filename="../../ui/counterparts.py" line="85"/>
        <source>confirmed</source>
        <translation>bekreftet</translation>
    </message>
    <message>
        <location filename="../../ui/counterparts.py" line="87"/>
        <source>paired by hand</source>
        <translation>koblet for hånd</translation>
    </message>
    <message>
        <location filename="../../ui/counterparts.py" line="68"/>
        <location filename="../../ui/counterparts.py" line="116"/>
        <source>Pair with…</source>
        <translation>Koble med…</translation>
    </message>
    <message>
        <location filename="../../ui/counterparts.py" line="120"/>
        <source>Read side by side</source>
        <translation>Les side ved side</translation>
    </message>
    <message>
        <location filename="../../ui/counterparts.py" line="90"/>
        <location filename="../../ui/counterparts.py" line="121"/>
        <source>Confirm</source>
        <translation>Bekreft</translation>
    </message>
    <message>
        <location filename="../../ui/counterparts.py" line="89"/>
        <source>suggested {score:.2f}</source>
        <translation>foreslått {score:.2f}</translation>
    </message>
    <message>
        <location filename="../../ui/counterparts.py" line="90"/>
        <location filename="../../ui/counterparts.py" line="123"/>
        <source>Reject</source>
        <translation>Avvis</translation>
    </message>
    <message>
        <location filename="../../ui/counterparts.py" line="124"/>
        <source>Unpair</source>
        <translation>Fjern koblingen</translation>
    </message>
</context>
<context>
    <name>DetailsDialog</name>
    <message>
        <location filename="../../ui/details_dialog.py" line="26"/>
        <source>Details of the document</source>
        <translation>Opplysninger om dokumentet</translation>
    </message>
    <message>
        <location filename="../../ui/details_dialog.py" line="34"/>
        <source>Surname, Given name; Surname, Given name</source>
        <translation>Etternavn, Fornavn; Etternavn, Fornavn</translation>
    </message>
    <message>
        <location filename="../../ui/details_dialog.py" line="36"/>
        <source>e.g. 2019</source>
        <translation>f.eks. 2019</translation>
    </message>
    <message>
        <location filename="../../ui/details_dialog.py" line="39"/>
        <source>&amp;Title:</source>
        <translation>&amp;Tittel:</translation>
    </message>
    <message>
        <location filename="../../ui/details_dialog.py" line="40"/>
        <source>&amp;Authors:</source>
        <translation>&amp;Forfattere:</translation>
    </message>
    <message>
        <location filename="../../ui/details_dialog.py" line="41"/>
        <source>&amp;Year:</source>
        <translation>&amp;År:</translation>
    </message>
    <message>
        <location filename="../../ui/details_dialog.py" line="44"/>
        <source>Used in search results, the reader and citations. The text of {file} is not changed.</source>
        <translation>Brukes i søketreff, i leseren og i kildehenvisninger. Teksten i {file} endres ikke.</translation>
    </message>
    <message>
        <location filename="../../ui/details_dialog.py" line="54"/>
        <source>Use the file&apos;s details</source>
        <translation>Bruk opplysningene fra filen</translation>
    </message>
    <message>
        <location filename="../../ui/details_dialog.py" line="56"/>
        <source>Forget your changes: title, authors and year as the file gives them</source>
        <translation>Glem endringene dine: tittel, forfattere og år slik filen oppgir dem</translation>
    </message>
    <message>
        <location filename="../../ui/details_dialog.py" line="70"/>
        <source>Not saved: {why}</source>
        <translation>Ikke lagret: {why}</translation>
    </message>
</context>
<context>
    <name>GroupedResultsDelegate</name>
    <message>
        <location filename="../../ui/results_view.py" line="48"/>
        <source>via: {words}</source>
        <translation>via: {words}</translation>
    </message>
    <message>
        <location filename="../../ui/results_view.py" line="101"/>
        <source>1 passage</source>
        <translation>1 avsnitt</translation>
    </message>
    <message>
        <location filename="../../ui/results_view.py" line="101"/>
        <source>{n} passages</source>
        <translation>{n} avsnitt</translation>
    </message>
</context>
<context>
    <name>GroupedResultsModel</name>
    <message>
        <location filename="../../ui/results_model.py" line="272"/>
        <source>1 passage</source>
        <translation>1 avsnitt</translation>
    </message>
    <message>
        <location filename="../../ui/results_model.py" line="272"/>
        <source>{n} passages</source>
        <translation>{n} avsnitt</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <location filename="../../ui/library_dialogs.py" line="39"/>
        <source>Import report</source>
        <translation>Importrapport</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="102"/>
        <source>The import was stopped; what it had read stays:</source>
        <translation>Importen ble stoppet; det som var lest, blir værende:</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="105"/>
        <source>Translations among these texts are looked for when the app next starts, or at the next import.</source>
        <translation>Oversettelser blant disse tekstene letes etter neste gang programmet starter, eller ved neste import.</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="109"/>
        <source>The import was stopped before translations were looked for among these texts: they are looked for when the app next starts, or at the next import.</source>
        <translation>Importen ble stoppet før det ble lett etter oversettelser blant disse tekstene: det gjøres neste gang programmet starter, eller ved neste import.</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="134"/>
        <source>File</source>
        <translation>Fil</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="134"/>
        <source>Reason</source>
        <translation>Årsak</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="55"/>
        <source>Translation pairs found (confirm or reject them from a document’s Translations line or the Document menu):</source>
        <translation>Oversettelsespar som ble funnet (bekreft eller avvis dem fra linjen Oversettelser i et dokument eller fra Dokument-menyen):</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="58"/>
        <source>Not imported, with the reason:</source>
        <translation>Ikke importert, med årsak:</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="59"/>
        <source>Imported, with a warning:</source>
        <translation>Importert, med en advarsel:</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="82"/>
        <source>1 new text imported</source>
        <translation>1 ny tekst importert</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="82"/>
        <source>{n} new texts imported</source>
        <translation>{n} nye tekster importert</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="83"/>
        <source>1 changed text read again</source>
        <translation>1 endret tekst lest på nytt</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="83"/>
        <source>{n} changed texts read again</source>
        <translation>{n} endrede tekster lest på nytt</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="86"/>
        <source>1 text removed (its file is gone)</source>
        <translation>1 tekst fjernet (filen er borte)</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="87"/>
        <source>{n} texts removed (their files are gone)</source>
        <translation>{n} tekster fjernet (filene er borte)</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="89"/>
        <source>1 file renamed</source>
        <translation>1 fil har fått nytt navn</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="89"/>
        <source>{n} files renamed</source>
        <translation>{n} filer har fått nytt navn</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="92"/>
        <source>1 file not imported (see below)</source>
        <translation>1 fil ble ikke importert (se nedenfor)</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="93"/>
        <source>{n} files not imported (see below)</source>
        <translation>{n} filer ble ikke importert (se nedenfor)</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="95"/>
        <source>1 translation pair found</source>
        <translation>1 oversettelsespar funnet</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="95"/>
        <source>{n} translation pairs found</source>
        <translation>{n} oversettelsespar funnet</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="99"/>
        <source>Nothing new: every text is as it was</source>
        <translation>Ingenting nytt: alle tekstene er som før</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="119"/>
        <source>{n} unchanged</source>
        <translation>{n} uendret</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="121"/>
        <source>{mb:.1f} MB read</source>
        <translation>{mb:.1f} MB lest</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="124"/>
        <source>{total:.1f} s in all (reading the files {read:.1f} s)</source>
        <translation>{total:.1f} s i alt (lesing av filene {read:.1f} s)</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="129"/>
        <source>{s:.1f} s</source>
        <translation>{s:.1f} s</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="146"/>
        <source>suggested</source>
        <translation>foreslått</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="147"/>
        <source>confirmed</source>
        <translation>bekreftet</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="148"/>
        <source>paired by hand</source>
        <translation>koblet for hånd</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="149"/>
        <source>rejected</source>
        <translation>avvist</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="153"/>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="153"/>
        <source>Translation</source>
        <translation>Oversettelse</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="153"/>
        <source>Languages</source>
        <translation>Språk</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="153"/>
        <source>Score</source>
        <translation>Skår</translation>
    </message>
    <message>
        <location filename="../../ui/library_dialogs.py" line="156"/>
        <source>to confirm</source>
        <translation>må bekreftes</translation>
    </message>
</context>
<context>
    <name>Lang</name>
    <message>
        <location filename="../../ui/labels.py" line="73"/>
        <source>English</source>
        <translation>Engelsk</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="74"/>
        <source>Norwegian Bokmål</source>
        <translation>Norsk bokmål</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="75"/>
        <source>Norwegian Nynorsk</source>
        <translation>Norsk nynorsk</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="76"/>
        <source>undetermined</source>
        <translation>ubestemt</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/document_header.py" line="65"/>
        <location filename="../../ui/document_pane.py" line="229"/>
        <source>Aligning the translation…</source>
        <translation>Parallellfører oversettelsen…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="313"/>
        <source>Closing: waiting for running work to finish…</source>
        <translation>Lukker: venter på at pågående arbeid blir ferdig…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="55"/>
        <source>Corpus Viewer</source>
        <translation>Korpusleser</translation>
    </message>
    <message>
        <location filename="../../ui/document_header.py" line="21"/>
        <source>No document open</source>
        <translation>Ingen dokument åpent</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="80"/>
        <location filename="../../ui/main_window.py" line="116"/>
        <source>Loading the corpus…</source>
        <translation>Laster korpuset…</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="46"/>
        <source>&amp;File</source>
        <translation>&amp;Fil</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="47"/>
        <source>&amp;Edit</source>
        <translation>&amp;Rediger</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="48"/>
        <source>&amp;View</source>
        <translation>&amp;Vis</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="49"/>
        <source>&amp;Document</source>
        <translation>&amp;Dokument</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="50"/>
        <source>&amp;Alignment</source>
        <translation>&amp;Parallellføring</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="51"/>
        <source>&amp;Bookmarks</source>
        <translation>&amp;Bokmerker</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="52"/>
        <source>&amp;Help</source>
        <translation>&amp;Hjelp</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="71"/>
        <source>Search</source>
        <translation>Søk</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="72"/>
        <source>Find in document</source>
        <translation>Finn i dokumentet</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="73"/>
        <source>Next hit</source>
        <translation>Neste treff</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="74"/>
        <source>Previous hit</source>
        <translation>Forrige treff</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="76"/>
        <source>Copy with citation</source>
        <translation>Kopier med kildehenvisning</translation>
    </message>
    <message>
        <location filename="../../ui/document_header.py" line="28"/>
        <source>Side-by-side view</source>
        <translation>Side ved side</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="84"/>
        <source>Zoom in</source>
        <translation>Forstørr</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="89"/>
        <source>Zoom out</source>
        <translation>Forminsk</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="92"/>
        <source>Show search panel</source>
        <translation>Vis søkepanelet</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="93"/>
        <source>Focus on reading</source>
        <translation>Konsentrer deg om lesingen</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="95"/>
        <source>Open search hits side by side</source>
        <translation>Åpne søketreff side ved side</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="103"/>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="106"/>
        <source>As the system</source>
        <translation>Som systemet</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="107"/>
        <source>Light</source>
        <translation>Lyst</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="108"/>
        <source>Dark</source>
        <translation>Mørkt</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="118"/>
        <source>Pair with…</source>
        <translation>Koble med…</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="121"/>
        <source>Confirm pair</source>
        <translation>Bekreft paret</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="124"/>
        <source>Reject pair</source>
        <translation>Avvis paret</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="126"/>
        <source>Unpair</source>
        <translation>Fjern koblingen</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="130"/>
        <source>Open the original file</source>
        <translation>Åpne originalfilen</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="135"/>
        <source>Show in its folder</source>
        <translation>Vis i mappen</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="137"/>
        <source>Edit title, authors and year…</source>
        <translation>Rediger tittel, forfattere og år…</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="144"/>
        <source>Stop aligning</source>
        <translation>Stopp parallellføringen</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="155"/>
        <source>Bookmark passage or selection…</source>
        <translation>Bokmerk avsnitt eller utvalg…</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="162"/>
        <source>Show bookmarks</source>
        <translation>Vis bokmerker</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="165"/>
        <source>Add folder…</source>
        <translation>Legg til mappe…</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="167"/>
        <source>Add files…</source>
        <translation>Legg til filer…</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="168"/>
        <source>Collections…</source>
        <translation>Samlinger…</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="170"/>
        <source>Export aligned pairs (TMX)…</source>
        <translation>Eksporter parallelle par (TMX)…</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="178"/>
        <source>Quit</source>
        <translation>Avslutt</translation>
    </message>
    <message>
        <location filename="../../ui/help_dialogs.py" line="49"/>
        <location filename="../../ui/window_menus.py" line="179"/>
        <source>Keyboard shortcuts</source>
        <translation>Hurtigtaster</translation>
    </message>
    <message>
        <location filename="../../ui/help_dialogs.py" line="93"/>
        <location filename="../../ui/window_menus.py" line="181"/>
        <source>About Corpus Viewer</source>
        <translation>Om Korpusleser</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="170"/>
        <source>Preparing the search index…</source>
        <translation>Klargjør søkeindeksen…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="177"/>
        <source>Search index ready</source>
        <translation>Søkeindeksen er klar</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="185"/>
        <source>Search is unavailable</source>
        <translation>Søk er ikke tilgjengelig</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="273"/>
        <location filename="../../ui/main_window.py" line="275"/>
        <source>Your corrections could not be saved: {error}</source>
        <translation>Rettelsene dine kunne ikke lagres: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/document_header.py" line="84"/>
        <source>match {i} of {n} in this document</source>
        <translation>treff {i} av {n} i dette dokumentet</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="128"/>
        <source>The corpus could not be opened:
{error}</source>
        <translation>Korpuset kunne ikke åpnes:
{error}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="188"/>
        <source>Search is unavailable: {error}</source>
        <translation>Søk er ikke tilgjengelig: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="165"/>
        <source>Ready · {n} documents</source>
        <translation>Klar · {n} dokumenter</translation>
    </message>
    <message>
        <location filename="../../ui/document_header.py" line="61"/>
        <source>Show the two language versions side by side (Ctrl+T)</source>
        <translation>Vis de to språkversjonene side ved side (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../../ui/document_header.py" line="63"/>
        <source>This document has no aligned translation</source>
        <translation>Dette dokumentet har ingen parallell oversettelse</translation>
    </message>
    <message>
        <location filename="../../ui/document_header.py" line="72"/>
        <source>sentence {i} of {n} with matches</source>
        <translation>setning {i} av {n} med treff</translation>
    </message>
    <message>
        <location filename="../../ui/document_header.py" line="74"/>
        <source>{n} sentences with matches · F3 steps</source>
        <translation>{n} setninger med treff · F3 blar</translation>
    </message>
    <message>
        <location filename="../../ui/document_header.py" line="81"/>
        <source>{n} matches in this document · F3 steps</source>
        <translation>{n} treff i dette dokumentet · F3 blar</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="233"/>
        <source>Copied with citation</source>
        <translation>Kopiert med kildehenvisning</translation>
    </message>
    <message>
        <location filename="../../ui/actions_bookmarks.py" line="55"/>
        <source>Select text or click in a passage to bookmark it</source>
        <translation>Merk tekst eller klikk i et avsnitt for å bokmerke det</translation>
    </message>
    <message>
        <location filename="../../ui/actions_library.py" line="35"/>
        <source>Stop importing</source>
        <translation>Stopp importen</translation>
    </message>
    <message>
        <location filename="../../ui/actions_library.py" line="44"/>
        <source>What was imported stays; the rest is simply not there yet ({keys})</source>
        <translation>Det som er importert, blir værende; resten er bare ikke der ennå ({keys})</translation>
    </message>
    <message>
        <location filename="../../ui/actions_library.py" line="58"/>
        <source>Stopping the import after the file being read…</source>
        <translation>Stopper importen etter filen som leses nå…</translation>
    </message>
    <message>
        <location filename="../../ui/actions_library.py" line="69"/>
        <source>Add a folder of texts</source>
        <translation>Legg til en mappe med tekster</translation>
    </message>
    <message>
        <location filename="../../ui/actions_library.py" line="80"/>
        <source>Add texts</source>
        <translation>Legg til tekster</translation>
    </message>
    <message>
        <location filename="../../ui/actions_library.py" line="82"/>
        <source>Texts ({patterns})</source>
        <translation>Tekster ({patterns})</translation>
    </message>
    <message>
        <location filename="../../ui/actions_library.py" line="92"/>
        <source>An import is already running; try again when it is done</source>
        <translation>En import pågår allerede; prøv igjen når den er ferdig</translation>
    </message>
    <message>
        <location filename="../../ui/actions_library.py" line="122"/>
        <source>Saving the details and updating the index…</source>
        <translation>Lagrer opplysningene og oppdaterer indeksen…</translation>
    </message>
    <message>
        <location filename="../../ui/actions_library.py" line="128"/>
        <source>Details saved</source>
        <translation>Opplysningene er lagret</translation>
    </message>
    <message>
        <location filename="../../ui/actions_export.py" line="71"/>
        <source>No aligned pairs to export</source>
        <translation>Ingen parallelle par å eksportere</translation>
    </message>
    <message>
        <location filename="../../ui/actions_export.py" line="74"/>
        <source>Export aligned pairs</source>
        <translation>Eksporter parallelle par</translation>
    </message>
    <message>
        <location filename="../../ui/actions_export.py" line="83"/>
        <source>{path} cannot be written: {error}</source>
        <translation>{path} kan ikke skrives: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/actions_export.py" line="89"/>
        <source>Exported {n} pairs to {path}</source>
        <translation>Eksporterte {n} par til {path}</translation>
    </message>
    <message>
        <location filename="../../ui/actions_export.py" line="91"/>
        <source>({n} sentences without a counterpart left out: a unit needs both languages)</source>
        <translation>({n} setninger uten motstykke utelatt: en enhet trenger begge språk)</translation>
    </message>
    <message>
        <location filename="../../ui/actions_library.py" line="120"/>
        <source>Importing…</source>
        <translation>Importerer…</translation>
    </message>
    <message>
        <location filename="../../ui/document_pane.py" line="131"/>
        <source>The open document was removed</source>
        <translation>Det åpne dokumentet ble fjernet</translation>
    </message>
    <message>
        <location filename="../../ui/help_dialogs.py" line="53"/>
        <source>Clear the search box</source>
        <translation>Tøm søkefeltet</translation>
    </message>
    <message>
        <location filename="../../ui/help_dialogs.py" line="54"/>
        <source>Move into the results</source>
        <translation>Gå til treffene</translation>
    </message>
    <message>
        <location filename="../../ui/help_dialogs.py" line="55"/>
        <source>Open the selected result</source>
        <translation>Åpne valgt treff</translation>
    </message>
    <message>
        <location filename="../../ui/help_dialogs.py" line="56"/>
        <source>Open a concordance line side by side</source>
        <translation>Åpne en konkordanslinje side ved side</translation>
    </message>
    <message>
        <location filename="../../ui/help_dialogs.py" line="57"/>
        <source>Rename or remove a saved search (in its list)</source>
        <translation>Gi nytt navn til eller fjern et lagret søk (i listen)</translation>
    </message>
    <message>
        <location filename="../../ui/help_dialogs.py" line="61"/>
        <source>Action</source>
        <translation>Handling</translation>
    </message>
    <message>
        <location filename="../../ui/help_dialogs.py" line="61"/>
        <source>Shortcut</source>
        <translation>Hurtigtast</translation>
    </message>
    <message>
        <location filename="../../ui/help_dialogs.py" line="28"/>
        <source>not stated</source>
        <translation>ikke oppgitt</translation>
    </message>
    <message>
        <location filename="../../ui/help_dialogs.py" line="29"/>
        <source>Search and read a bilingual Norwegian/English research corpus.</source>
        <translation>Søk og les i et tospråklig norsk/engelsk forskningskorpus.</translation>
    </message>
    <message>
        <location filename="../../ui/help_dialogs.py" line="30"/>
        <source>Bundled texts and their licences</source>
        <translation>Medfølgende tekster og lisensene deres</translation>
    </message>
    <message>
        <location filename="../../ui/help_dialogs.py" line="31"/>
        <source>Libraries</source>
        <translation>Biblioteker</translation>
    </message>
    <message>
        <location filename="../../ui/actions_pairs.py" line="145"/>
        <source>With {name}</source>
        <translation>Med {name}</translation>
    </message>
    <message>
        <location filename="../../ui/actions_pairs.py" line="175"/>
        <source>Paired {a} with {b}</source>
        <translation>Koblet {a} med {b}</translation>
    </message>
    <message>
        <location filename="../../ui/actions_pairs.py" line="176"/>
        <source>Confirmed: {a} and {b} translate each other</source>
        <translation>Bekreftet: {a} og {b} er oversettelser av hverandre</translation>
    </message>
    <message>
        <location filename="../../ui/actions_pairs.py" line="177"/>
        <source>Rejected: {a} and {b} will not be suggested again</source>
        <translation>Avvist: {a} og {b} blir ikke foreslått igjen</translation>
    </message>
    <message>
        <location filename="../../ui/actions_pairs.py" line="178"/>
        <source>Unpaired {a} and {b}</source>
        <translation>Fjernet koblingen mellom {a} og {b}</translation>
    </message>
    <message>
        <location filename="../../ui/actions_pairs.py" line="201"/>
        <source>Stopped aligning {a} with {b}</source>
        <translation>Stoppet parallellføringen av {a} og {b}</translation>
    </message>
    <message>
        <location filename="../../ui/actions_pairs.py" line="206"/>
        <source>{a} and {b} cannot be aligned: {error}</source>
        <translation>{a} og {b} kan ikke parallellføres: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/pair_aligner.py" line="78"/>
        <source>Aligning {a} with {b}…</source>
        <translation>Parallellfører {a} og {b}…</translation>
    </message>
    <message>
        <location filename="../../ui/actions_document.py" line="30"/>
        <source>Only imported documents can be described anew</source>
        <translation>Bare importerte dokumenter kan beskrives på nytt</translation>
    </message>
    <message>
        <location filename="../../ui/actions_document.py" line="39"/>
        <source>Wait for the import under way to finish</source>
        <translation>Vent til importen som pågår, er ferdig</translation>
    </message>
    <message>
        <location filename="../../ui/actions_document.py" line="51"/>
        <source>This document has no file on disk to open</source>
        <translation>Dette dokumentet har ingen fil på disken å åpne</translation>
    </message>
    <message>
        <location filename="../../ui/actions_document.py" line="72"/>
        <source>No program on this system opens {path}</source>
        <translation>Ingen program på dette systemet åpner {path}</translation>
    </message>
    <message>
        <location filename="../../ui/actions_search.py" line="34"/>
        <source>Concordance</source>
        <translation>Konkordans</translation>
    </message>
    <message>
        <location filename="../../ui/actions_search.py" line="37"/>
        <source>Search across languages</source>
        <translation>Søk på tvers av språk</translation>
    </message>
    <message>
        <location filename="../../ui/actions_search.py" line="41"/>
        <source>Also find passages of the other language that hold a translation (Ctrl+Shift+X; ~word: one word)</source>
        <translation>Finn også avsnitt på det andre språket som inneholder en oversettelse (Ctrl+Shift+X; ~ord: ett ord)</translation>
    </message>
    <message>
        <location filename="../../ui/actions_search.py" line="53"/>
        <source>Export results…</source>
        <translation>Eksporter treffene…</translation>
    </message>
    <message>
        <location filename="../../ui/results_export.py" line="65"/>
        <source>Nothing to export: search first</source>
        <translation>Ingenting å eksportere: søk først</translation>
    </message>
    <message>
        <location filename="../../ui/results_export.py" line="72"/>
        <source>Export results</source>
        <translation>Eksporter treffene</translation>
    </message>
    <message>
        <location filename="../../ui/results_export.py" line="103"/>
        <source>Exported {n} rows to {path}</source>
        <translation>Eksporterte {n} rader til {path}</translation>
    </message>
    <message>
        <location filename="../../ui/results_export.py" line="111"/>
        <source>The results could not be exported: {error}</source>
        <translation>Treffene kunne ikke eksporteres: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/library_ui.py" line="210"/>
        <source>Stopping, keeping what was read: {step}</source>
        <translation>Stopper og beholder det som er lest: {step}</translation>
    </message>
</context>
<context>
    <name>ModeSwitch</name>
    <message>
        <location filename="../../ui/concordance_panel.py" line="46"/>
        <source>Passages</source>
        <translation>Avsnitt</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_panel.py" line="46"/>
        <source>Concordance</source>
        <translation>Konkordans</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_panel.py" line="55"/>
        <source>Every match in its context, with its translation (Ctrl+Shift+K)</source>
        <translation>Hvert treff i sin kontekst, med oversettelsen (Ctrl+Shift+K)</translation>
    </message>
    <message>
        <location filename="../../ui/concordance_panel.py" line="56"/>
        <source>The matching passages, grouped by document (Ctrl+Shift+K)</source>
        <translation>Avsnittene som traff, gruppert etter dokument (Ctrl+Shift+K)</translation>
    </message>
</context>
<context>
    <name>PairEditor</name>
    <message>
        <location filename="../../ui/pair_editor.py" line="48"/>
        <source>Merge with the previous pair</source>
        <translation>Slå sammen med forrige par</translation>
    </message>
    <message>
        <location filename="../../ui/pair_editor.py" line="49"/>
        <source>Merge with the next pair</source>
        <translation>Slå sammen med neste par</translation>
    </message>
    <message>
        <location filename="../../ui/pair_editor.py" line="50"/>
        <source>Split the pair</source>
        <translation>Del paret</translation>
    </message>
    <message>
        <location filename="../../ui/pair_editor.py" line="51"/>
        <source>Move the first sentence to the previous pair</source>
        <translation>Flytt første setning til forrige par</translation>
    </message>
    <message>
        <location filename="../../ui/pair_editor.py" line="52"/>
        <source>Move the last sentence to the next pair</source>
        <translation>Flytt siste setning til neste par</translation>
    </message>
    <message>
        <location filename="../../ui/pair_editor.py" line="53"/>
        <source>No counterpart for this sentence</source>
        <translation>Ingen motpart for denne setningen</translation>
    </message>
    <message>
        <location filename="../../ui/pair_editor.py" line="54"/>
        <source>Confirm this sentence pair</source>
        <translation>Bekreft setningsparet</translation>
    </message>
    <message>
        <location filename="../../ui/pair_editor.py" line="55"/>
        <source>Confirm every sentence pair</source>
        <translation>Bekreft alle setningsparene</translation>
    </message>
    <message>
        <location filename="../../ui/pair_editor.py" line="56"/>
        <source>Undo the correction</source>
        <translation>Angre rettelsen</translation>
    </message>
    <message>
        <location filename="../../ui/pair_editor.py" line="57"/>
        <source>Redo the correction</source>
        <translation>Gjør om rettelsen</translation>
    </message>
    <message>
        <location filename="../../ui/pair_editor.py" line="161"/>
        <source>This pair has a single sentence on each side: nothing to split</source>
        <translation>Dette paret har én setning på hver side: ingenting å dele</translation>
    </message>
    <message>
        <location filename="../../ui/pair_editor.py" line="166"/>
        <source>After “{end}”</source>
        <translation>Etter «{end}»</translation>
    </message>
    <message>
        <location filename="../../ui/pair_editor.py" line="182"/>
        <source>The first sentence: “{start}”</source>
        <translation>Første setning: «{start}»</translation>
    </message>
    <message>
        <location filename="../../ui/pair_editor.py" line="183"/>
        <source>The last sentence: “{start}”</source>
        <translation>Siste setning: «{start}»</translation>
    </message>
    <message>
        <location filename="../../ui/pair_editor.py" line="205"/>
        <source>Select a pair of an aligned text to correct it</source>
        <translation>Velg et par i en parallellført tekst for å rette det</translation>
    </message>
    <message>
        <location filename="../../ui/pair_editor.py" line="230"/>
        <source>Nothing to undo</source>
        <translation>Ingenting å angre</translation>
    </message>
    <message>
        <location filename="../../ui/pair_editor.py" line="230"/>
        <source>Nothing to redo</source>
        <translation>Ingenting å gjøre om</translation>
    </message>
</context>
<context>
    <name>PairView</name>
    <message>
        <location filename="../../ui/pair_view.py" line="117"/>
        <source>{n} aligned pairs · {low} with low confidence (red score; hover for details) · ● rows with search matches · select a sentence to light up its translation</source>
        <translation>{n} parallelle par · {low} med lav sikkerhet (rød skår; hold musen over for detaljer) · ● rader med søketreff · velg en setning for å se oversettelsen</translation>
    </message>
    <message>
        <location filename="../../ui/pair_view.py" line="123"/>
        <source>{e} corrected (✎), {c} confirmed (✓) by you</source>
        <translation>{e} rettet (✎), {c} bekreftet (✓) av deg</translation>
    </message>
    <message>
        <location filename="../../ui/pair_view.py" line="125"/>
        <source>right-click a pair to correct it</source>
        <translation>høyreklikk et par for å rette det</translation>
    </message>
    <message>
        <location filename="../../ui/pair_view.py" line="128"/>
        <source>{n} of your corrections no longer fit the changed text: they are kept but not shown</source>
        <translation>{n} av rettelsene dine passer ikke lenger til den endrede teksten: de er tatt vare på, men vises ikke</translation>
    </message>
    <message>
        <location filename="../../ui/pair_view.py" line="132"/>
        <source>These texts do not align as a translation: each sentence is shown on its own row.</source>
        <translation>Disse tekstene lar seg ikke parallellføre som en oversettelse: hver setning vises på sin egen rad.</translation>
    </message>
</context>
<context>
    <name>PairWithDialog</name>
    <message>
        <location filename="../../ui/pair_dialog.py" line="104"/>
        <source>Pair {name} with…</source>
        <translation>Koble {name} med…</translation>
    </message>
    <message>
        <location filename="../../ui/pair_dialog.py" line="107"/>
        <source>Choose the document that translates “{title}” ({lang}). The finder’s suggestions for it come first, with their scores.</source>
        <translation>Velg dokumentet som oversetter «{title}» ({lang}). Forslagene for det kommer først, med skår.</translation>
    </message>
    <message>
        <location filename="../../ui/pair_dialog.py" line="113"/>
        <source>Filter by name, title or collection</source>
        <translation>Filtrer på navn, tittel eller samling</translation>
    </message>
    <message>
        <location filename="../../ui/pair_dialog.py" line="117"/>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <location filename="../../ui/pair_dialog.py" line="117"/>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <location filename="../../ui/pair_dialog.py" line="117"/>
        <source>Score</source>
        <translation>Skår</translation>
    </message>
    <message>
        <location filename="../../ui/pair_dialog.py" line="127"/>
        <source>Pair</source>
        <translation>Koble</translation>
    </message>
    <message>
        <location filename="../../ui/pair_dialog.py" line="145"/>
        <source>Suggested for this document</source>
        <translation>Foreslått for dette dokumentet</translation>
    </message>
    <message>
        <location filename="../../ui/pair_dialog.py" line="161"/>
        <location filename="../../ui/pair_dialog.py" line="162"/>
        <source>paired</source>
        <translation>koblet</translation>
    </message>
    <message>
        <location filename="../../ui/pair_dialog.py" line="163"/>
        <source>rejected</source>
        <translation>avvist</translation>
    </message>
</context>
<context>
    <name>PairsModel</name>
    <message>
        <location filename="../../ui/pair_model.py" line="115"/>
        <source>Confirmed by you</source>
        <translation>Bekreftet av deg</translation>
    </message>
    <message>
        <location filename="../../ui/pair_model.py" line="117"/>
        <source>Corrected by you</source>
        <translation>Rettet av deg</translation>
    </message>
    <message>
        <location filename="../../ui/pair_model.py" line="118"/>
        <source>low confidence</source>
        <translation>lav sikkerhet</translation>
    </message>
    <message>
        <location filename="../../ui/pair_model.py" line="118"/>
        <source>confident</source>
        <translation>sikker</translation>
    </message>
    <message>
        <location filename="../../ui/pair_model.py" line="119"/>
        <source>Alignment confidence {score:.2f} ({note})</source>
        <translation>Sikkerhet for parallellføringen {score:.2f} ({note})</translation>
    </message>
    <message>
        <location filename="../../ui/pair_model.py" line="160"/>
        <source>Score</source>
        <translation>Skår</translation>
    </message>
</context>
<context>
    <name>Reader</name>
    <message>
        <location filename="../../ui/labels.py" line="19"/>
        <source>Advisor</source>
        <translation>Veileder</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="20"/>
        <source>Author</source>
        <translation>Forfatter</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="21"/>
        <source>Accessioned</source>
        <translation>Innlagt</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="22"/>
        <source>Available</source>
        <translation>Tilgjengelig</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="23"/>
        <source>Issued</source>
        <translation>Utgitt</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="24"/>
        <source>ISBN</source>
        <translation>ISBN</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="25"/>
        <source>ISSN</source>
        <translation>ISSN</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="26"/>
        <source>Handle</source>
        <translation>Varig lenke</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="27"/>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="28"/>
        <source>Publisher</source>
        <translation>Utgiver</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="29"/>
        <source>Series</source>
        <translation>Serie</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="30"/>
        <source>Licence</source>
        <translation>Lisens</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="31"/>
        <source>Licence URI</source>
        <translation>Lisensadresse</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="32"/>
        <source>Type</source>
        <translation>Dokumenttype</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="33"/>
        <source>Version</source>
        <translation>Versjon</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="34"/>
        <source>Pages</source>
        <translation>Sider</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="41"/>
        <source>repository record</source>
        <translation>arkivpost</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="42"/>
        <source>slides</source>
        <translation>lysbilder</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="43"/>
        <source>article</source>
        <translation>artikkel</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="44"/>
        <source>project page</source>
        <translation>prosjektside</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="45"/>
        <source>news article</source>
        <translation>nyhetsartikkel</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="46"/>
        <location filename="../../ui/labels.py" line="47"/>
        <source>plain text</source>
        <translation>ren tekst</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="48"/>
        <source>Markdown text</source>
        <translation>Markdown-tekst</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="49"/>
        <source>web page</source>
        <translation>nettside</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="50"/>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="51"/>
        <source>Word document</source>
        <translation>Word-dokument</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="52"/>
        <source>translation memory</source>
        <translation>oversettelsesminne</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="60"/>
        <source>Abstract</source>
        <translation>Sammendrag</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="61"/>
        <source>Translation memory</source>
        <translation>Oversettelsesminne</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="68"/>
        <source>n.d.</source>
        <translation>u.å.</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="84"/>
        <source>paragraph {n}</source>
        <translation>avsnitt {n}</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="85"/>
        <source>Untitled</source>
        <translation>Uten tittel</translation>
    </message>
</context>
<context>
    <name>ReaderView</name>
    <message>
        <location filename="../../ui/reader_text.py" line="115"/>
        <source>Licence</source>
        <translation>Lisens</translation>
    </message>
    <message>
        <location filename="../../ui/reader_text.py" line="114"/>
        <source>not stated</source>
        <translation>ikke oppgitt</translation>
    </message>
    <message>
        <location filename="../../ui/reader_text.py" line="189"/>
        <source>Bookmarked</source>
        <translation>Bokmerket</translation>
    </message>
    <message>
        <location filename="../../ui/reader_text.py" line="177"/>
        <source>{lang}, confidence {conf:.2f}</source>
        <translation>{lang}, sikkerhet {conf:.2f}</translation>
    </message>
    <message>
        <location filename="../../ui/reader.py" line="71"/>
        <source>Type in the search box to find passages in every language; press ? for the query language.</source>
        <translation>Skriv i søkefeltet for å finne avsnitt på alle språk; trykk ? for søkespråket.</translation>
    </message>
    <message>
        <location filename="../../ui/reader.py" line="72"/>
        <source>Or open a document from the list on the left with Enter or a double click.</source>
        <translation>Eller åpne et dokument fra listen til venstre med Enter eller et dobbeltklikk.</translation>
    </message>
    <message>
        <location filename="../../ui/reader.py" line="73"/>
        <source>Ctrl+T reads a text beside its translation, sentence by sentence; Ctrl+D bookmarks a passage.</source>
        <translation>Ctrl+T viser en tekst ved siden av oversettelsen, setning for setning; Ctrl+D bokmerker et avsnitt.</translation>
    </message>
    <message>
        <location filename="../../ui/reader.py" line="74"/>
        <source>File &gt; Add folder… brings in your own texts. F1 lists every shortcut.</source>
        <translation>Fil &gt; Legg til mappe… henter inn dine egne tekster. F1 viser alle hurtigtaster.</translation>
    </message>
    <message>
        <location filename="../../ui/reader.py" line="76"/>
        <source>Start reading</source>
        <translation>Begynn å lese</translation>
    </message>
    <message>
        <location filename="../../ui/reader.py" line="103"/>
        <source>grey = layout noise</source>
        <translation>grått = layoutstøy</translation>
    </message>
    <message>
        <location filename="../../ui/find_bar.py" line="27"/>
        <source>Find in document</source>
        <translation>Finn i dokumentet</translation>
    </message>
    <message>
        <location filename="../../ui/find_bar.py" line="32"/>
        <source>Previous match (Shift+F3)</source>
        <translation>Forrige treff (Shift+F3)</translation>
    </message>
    <message>
        <location filename="../../ui/find_bar.py" line="34"/>
        <source>Next match (F3)</source>
        <translation>Neste treff (F3)</translation>
    </message>
    <message>
        <location filename="../../ui/find_bar.py" line="36"/>
        <source>Close (Esc)</source>
        <translation>Lukk (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/find_bar.py" line="37"/>
        <source>Find:</source>
        <translation>Finn:</translation>
    </message>
    <message>
        <location filename="../../ui/find_bar.py" line="90"/>
        <source>{i} of {n}</source>
        <translation>{i} av {n}</translation>
    </message>
    <message>
        <location filename="../../ui/find_bar.py" line="92"/>
        <source>not found</source>
        <translation>ikke funnet</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <location filename="../../ui/models.py" line="97"/>
        <location filename="../../ui/results_model.py" line="266"/>
        <source>{passage} · score {score:.2f}</source>
        <translation>{passage} · skår {score:.2f}</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="112"/>
        <source>{n} passages</source>
        <translation>{n} avsnitt</translation>
    </message>
</context>
<context>
    <name>SavedSearches</name>
    <message>
        <location filename="../../ui/saved_searches.py" line="42"/>
        <source>concordance</source>
        <translation>konkordans</translation>
    </message>
    <message>
        <location filename="../../ui/saved_searches.py" line="43"/>
        <source>across languages</source>
        <translation>på tvers av språk</translation>
    </message>
    <message>
        <location filename="../../ui/saved_searches.py" line="60"/>
        <source>Save search…</source>
        <translation>Lagre søket…</translation>
    </message>
    <message>
        <location filename="../../ui/saved_searches.py" line="63"/>
        <source>Manage saved searches…</source>
        <translation>Behandle lagrede søk…</translation>
    </message>
    <message>
        <location filename="../../ui/saved_searches.py" line="69"/>
        <source>&amp;Searches</source>
        <translation>&amp;Søk</translation>
    </message>
    <message>
        <location filename="../../ui/saved_searches.py" line="75"/>
        <source>Saved searches: save this one (Ctrl+S) or run one</source>
        <translation>Lagrede søk: lagre dette (Ctrl+S) eller kjør et</translation>
    </message>
    <message>
        <location filename="../../ui/saved_searches.py" line="92"/>
        <source>Saved searches cannot be read: {error}</source>
        <translation>Lagrede søk kan ikke leses: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/saved_searches.py" line="104"/>
        <source>Run a saved search</source>
        <translation>Kjør et lagret søk</translation>
    </message>
    <message>
        <location filename="../../ui/saved_searches.py" line="120"/>
        <source>Ran the saved search “{name}”</source>
        <translation>Kjørte det lagrede søket «{name}»</translation>
    </message>
    <message>
        <location filename="../../ui/saved_searches.py" line="128"/>
        <source>Type a search first, then save it</source>
        <translation>Skriv et søk først, og lagre det så</translation>
    </message>
    <message>
        <location filename="../../ui/saved_searches.py" line="133"/>
        <location filename="../../ui/saved_searches.py" line="148"/>
        <source>Save search</source>
        <translation>Lagre søket</translation>
    </message>
    <message>
        <location filename="../../ui/saved_searches.py" line="134"/>
        <source>Name of the saved search:</source>
        <translation>Navn på det lagrede søket:</translation>
    </message>
    <message>
        <location filename="../../ui/saved_searches.py" line="141"/>
        <source>Replace the saved search “{name}”?</source>
        <translation>Erstatte det lagrede søket «{name}»?</translation>
    </message>
    <message>
        <location filename="../../ui/saved_searches.py" line="153"/>
        <source>Saved the search “{name}”</source>
        <translation>Lagret søket «{name}»</translation>
    </message>
    <message>
        <location filename="../../ui/saved_searches.py" line="159"/>
        <location filename="../../ui/saved_searches.py" line="199"/>
        <source>Saved searches</source>
        <translation>Lagrede søk</translation>
    </message>
    <message>
        <location filename="../../ui/saved_searches.py" line="169"/>
        <location filename="../../ui/saved_searches.py" line="252"/>
        <source>Rename saved search</source>
        <translation>Gi lagret søk nytt navn</translation>
    </message>
    <message>
        <location filename="../../ui/saved_searches.py" line="181"/>
        <source>Remove saved search</source>
        <translation>Fjern lagret søk</translation>
    </message>
    <message>
        <location filename="../../ui/saved_searches.py" line="206"/>
        <source>Run</source>
        <translation>Kjør</translation>
    </message>
    <message>
        <location filename="../../ui/saved_searches.py" line="207"/>
        <source>Rename…</source>
        <translation>Gi nytt navn…</translation>
    </message>
    <message>
        <location filename="../../ui/saved_searches.py" line="208"/>
        <source>Remove…</source>
        <translation>Fjern…</translation>
    </message>
    <message>
        <location filename="../../ui/saved_searches.py" line="253"/>
        <source>New name:</source>
        <translation>Nytt navn:</translation>
    </message>
    <message>
        <location filename="../../ui/saved_searches.py" line="263"/>
        <source>Remove the saved search “{name}”?</source>
        <translation>Fjerne det lagrede søket «{name}»?</translation>
    </message>
</context>
<context>
    <name>SearchHistory</name>
    <message>
        <location filename="../../ui/search_history.py" line="47"/>
        <source>Recent searches (↓ in an empty box, or Alt+↓)</source>
        <translation>Nylige søk (↓ i et tomt felt, eller Alt+↓)</translation>
    </message>
    <message>
        <location filename="../../ui/search_history.py" line="126"/>
        <source>Clear recent searches</source>
        <translation>Tøm nylige søk</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../ui/search_panel.py" line="74"/>
        <source>Search the corpus… (e.g. implementering, &quot;evidence-based&quot;)</source>
        <translation>Søk i korpuset… (f.eks. implementering, &quot;evidence-based&quot;)</translation>
    </message>
    <message>
        <location filename="../../ui/search_filters.py" line="95"/>
        <source>Bundled corpus</source>
        <translation>Medfølgende korpus</translation>
    </message>
    <message>
        <location filename="../../ui/search_filters.py" line="132"/>
        <source>Type to find a document</source>
        <translation>Skriv for å finne et dokument</translation>
    </message>
    <message>
        <location filename="../../ui/search_filters.py" line="177"/>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location filename="../../ui/search_filters.py" line="182"/>
        <source>Only passages in {lang}</source>
        <translation>Bare avsnitt på {lang}</translation>
    </message>
    <message>
        <location filename="../../ui/search_filters.py" line="184"/>
        <source>Passages in every language</source>
        <translation>Avsnitt på alle språk</translation>
    </message>
    <message>
        <location filename="../../ui/search_filters.py" line="52"/>
        <source>All documents</source>
        <translation>Alle dokumenter</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="91"/>
        <source>Search one document only</source>
        <translation>Søk i bare ett dokument</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="209"/>
        <source>Search is unavailable: {error}</source>
        <translation>Søk er ikke tilgjengelig: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="211"/>
        <source>The search index is being built; results will appear when it is ready.</source>
        <translation>Søkeindeksen bygges; treffene kommer når den er klar.</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="214"/>
        <source>Searching…</source>
        <translation>Søker…</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="265"/>
        <source>Loading more results failed: {error}</source>
        <translation>Kunne ikke laste flere resultater: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/search_status.py" line="14"/>
        <source>&lt;b&gt;Search syntax&lt;/b&gt;&lt;br&gt;&lt;code&gt;activation work&lt;/code&gt; both words (inflections too: &lt;i&gt;tjeneste&lt;/i&gt; finds &lt;i&gt;tjenestene&lt;/i&gt;)&lt;br&gt;&lt;code&gt;&quot;evidence-based intervention&quot;&lt;/code&gt; exact phrase&lt;br&gt;&lt;code&gt;NAV OR IPS&lt;/code&gt; either word · &lt;code&gt;-managerialism&lt;/code&gt; or &lt;code&gt;NOT&lt;/code&gt; excludes&lt;br&gt;&lt;code&gt;implement*&lt;/code&gt; prefix · &lt;code&gt;implementaton~&lt;/code&gt; fuzzy (&lt;code&gt;~2&lt;/code&gt;: two edits)&lt;br&gt;&lt;code&gt;~services&lt;/code&gt; the word and its translations in the other language (Ctrl+Shift+X: every word)&lt;br&gt;&lt;code&gt;lang:nn&lt;/code&gt; &lt;code&gt;lang:en&lt;/code&gt; &lt;code&gt;lang:no&lt;/code&gt; language · &lt;code&gt;doc:thesis&lt;/code&gt; one document&lt;br&gt;Enter searches at once · Esc clears · ↓ moves into the results · Enter opens</source>
        <translation>&lt;b&gt;Søkesyntaks&lt;/b&gt;&lt;br&gt;&lt;code&gt;aktivering arbeid&lt;/code&gt; begge ordene (også bøyningsformer: &lt;i&gt;tjeneste&lt;/i&gt; finner &lt;i&gt;tjenestene&lt;/i&gt;)&lt;br&gt;&lt;code&gt;&quot;evidence-based intervention&quot;&lt;/code&gt; eksakt frase&lt;br&gt;&lt;code&gt;NAV OR IPS&lt;/code&gt; ett av ordene · &lt;code&gt;-styring&lt;/code&gt; eller &lt;code&gt;NOT&lt;/code&gt; utelater&lt;br&gt;&lt;code&gt;implement*&lt;/code&gt; prefiks · &lt;code&gt;implementaton~&lt;/code&gt; omtrentlig (&lt;code&gt;~2&lt;/code&gt;: to endringer)&lt;br&gt;&lt;code&gt;~tjenester&lt;/code&gt; ordet og oversettelsene på det andre språket (Ctrl+Shift+X: hvert ord)&lt;br&gt;&lt;code&gt;lang:nn&lt;/code&gt; &lt;code&gt;lang:en&lt;/code&gt; &lt;code&gt;lang:no&lt;/code&gt; språk · &lt;code&gt;doc:thesis&lt;/code&gt; ett dokument&lt;br&gt;Enter søker straks · Esc tømmer · ↓ går til treffene · Enter åpner</translation>
    </message>
    <message>
        <location filename="../../ui/search_status.py" line="41"/>
        <source>1 matching passage</source>
        <translation>1 avsnitt passer</translation>
    </message>
    <message>
        <location filename="../../ui/search_status.py" line="43"/>
        <source>{n} matching passages</source>
        <translation>{n} avsnitt passer</translation>
    </message>
    <message>
        <location filename="../../ui/search_status.py" line="49"/>
        <source>in 1 document</source>
        <translation>i 1 dokument</translation>
    </message>
    <message>
        <location filename="../../ui/search_status.py" line="51"/>
        <source>in {n} documents</source>
        <translation>i {n} dokumenter</translation>
    </message>
    <message>
        <location filename="../../ui/search_status.py" line="64"/>
        <source>Query not understood: {message}</source>
        <translation>Søket ble ikke forstått: {message}</translation>
    </message>
    <message>
        <location filename="../../ui/search_status.py" line="68"/>
        <source>No hits for “{query}”.</source>
        <translation>Ingen treff for «{query}».</translation>
    </message>
    <message>
        <location filename="../../ui/search_status.py" line="70"/>
        <source>{shown} of {total} matching passages shown, {documents}</source>
        <translation>{shown} av {total} treff vises, {documents}</translation>
    </message>
    <message>
        <location filename="../../ui/search_status.py" line="74"/>
        <source>loading more…</source>
        <translation>laster flere…</translation>
    </message>
    <message>
        <location filename="../../ui/search_status.py" line="76"/>
        <source>scroll for more</source>
        <translation>bla for flere</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="268"/>
        <source>Search failed: {error}</source>
        <translation>Søket feilet: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="278"/>
        <source>{n} documents · type to search</source>
        <translation>{n} dokumenter · skriv for å søke</translation>
    </message>
</context>
<context>
    <name>SearchResults</name>
    <message>
        <location filename="../../ui/results_model.py" line="31"/>
        <source>paragraph</source>
        <translation>avsnitt</translation>
    </message>
    <message>
        <location filename="../../ui/results_model.py" line="32"/>
        <source>reference</source>
        <translation>referanse</translation>
    </message>
    <message>
        <location filename="../../ui/results_model.py" line="33"/>
        <source>list item</source>
        <translation>listepunkt</translation>
    </message>
    <message>
        <location filename="../../ui/results_model.py" line="34"/>
        <source>heading</source>
        <translation>overskrift</translation>
    </message>
    <message>
        <location filename="../../ui/results_model.py" line="35"/>
        <source>record</source>
        <translation>post</translation>
    </message>
    <message>
        <location filename="../../ui/results_model.py" line="36"/>
        <source>page furniture</source>
        <translation>sidestoff</translation>
    </message>
    <message>
        <location filename="../../ui/results_model.py" line="37"/>
        <source>fragment</source>
        <translation>fragment</translation>
    </message>
    <message>
        <location filename="../../ui/results_model.py" line="38"/>
        <source>abstract</source>
        <translation>sammendrag</translation>
    </message>
    <message>
        <location filename="../../ui/results_model.py" line="39"/>
        <source>quotation</source>
        <translation>sitat</translation>
    </message>
    <message>
        <location filename="../../ui/results_model.py" line="40"/>
        <source>title</source>
        <translation>tittel</translation>
    </message>
    <message>
        <location filename="../../ui/results_model.py" line="41"/>
        <source>biography</source>
        <translation>biografi</translation>
    </message>
    <message>
        <location filename="../../ui/results_model.py" line="42"/>
        <source>author</source>
        <translation>forfatter</translation>
    </message>
    <message>
        <location filename="../../ui/results_model.py" line="43"/>
        <source>keywords</source>
        <translation>emneord</translation>
    </message>
    <message>
        <location filename="../../ui/results_model.py" line="44"/>
        <source>caption</source>
        <translation>bildetekst</translation>
    </message>
</context>
<context>
    <name>box</name>
    <message>
        <location filename="../../ui/errors.py" line="12"/>
        <source>Corpus Viewer</source>
        <translation>Korpusleser</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="15"/>
        <source>This is a bug in Corpus Viewer. Copy the details into a report.</source>
        <translation>Dette er en feil i Korpusleser. Kopier detaljene inn i en feilrapport.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="17"/>
        <source>Copy details</source>
        <translation>Kopier detaljer</translation>
    </message>
</context>
</TS>
