<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name>AgreementView</name>
    <message>
        <source>Coders to compare</source>
        <translation>Te vergelijken codeurs</translation>
    </message>
    <message>
        <source>Agreement level</source>
        <translation>Niveau van overeenstemming</translation>
    </message>
    <message>
        <source>Overlap for a segment match</source>
        <translation>Overlap voor een overeenkomend segment</translation>
    </message>
    <message>
        <source>Segments match when intersection / union of their spans reaches this share</source>
        <translation>Segmenten komen overeen als doorsnede / vereniging van hun tekstdelen dit aandeel haalt</translation>
    </message>
    <message>
        <source>An uncoded document counts as</source>
        <translation>Een ongecodeerd document telt als</translation>
    </message>
    <message>
        <source>Uncoded document: missing</source>
        <translation>Ongecodeerd document: ontbrekend</translation>
    </message>
    <message>
        <source>Uncoded document: absent</source>
        <translation>Ongecodeerd document: afwezig</translation>
    </message>
    <message>
        <source>Document level: a document a coder coded nothing in (no segment of any code) counts as not judged (missing) or as &apos;absent&apos; for every code</source>
        <translation>Documentniveau: een document waarin een codeur niets codeerde (geen segment van welke code ook) telt als niet beoordeeld (ontbrekend) of als &apos;afwezig&apos; voor elke code</translation>
    </message>
    <message>
        <source>95% intervals</source>
        <translation>95%-intervallen</translation>
    </message>
    <message>
        <source>Gwet&apos;s standard errors, Cohen&apos;s ASE, Hayes &amp; Krippendorff bootstrap for alpha (1,000 draws, fixed seed), bootstrap over documents for segments and text</source>
        <translation>Standaardfouten van Gwet, ASE van Cohen, bootstrap van Hayes &amp; Krippendorff voor alfa (1.000 trekkingen, vaste seed), bootstrap over documenten voor segmenten en tekst</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>Berekenen</translation>
    </message>
    <message>
        <source>Excel…</source>
        <translation>Excel…</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Overlap</source>
        <translation>Overlap</translation>
    </message>
    <message>
        <source>Agreement per code</source>
        <translation>Overeenstemming per code</translation>
    </message>
    <message>
        <source>Coders</source>
        <translation>Codeurs</translation>
    </message>
    <message>
        <source>; [low, high] = 95% interval, hover for the method</source>
        <translation>; [laag, hoog] = 95%-interval, wijs het aan voor de methode</translation>
    </message>
    <message>
        <source>{n_coders} coders, {n_codes} codes, {documents} documents. &apos;undefined&apos;: hover for the reason</source>
        <translation>{n_coders} codeurs, {n_codes} codes, {documents} documenten. &apos;niet gedefinieerd&apos;: wijs het aan voor de reden</translation>
    </message>
    <message>
        <source>name</source>
        <translation>naam</translation>
    </message>
    <message>
        <source>Agreement to Excel</source>
        <translation>Overeenstemming naar Excel</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Wrote {path}.</source>
        <translation>{path} geschreven.</translation>
    </message>
</context>
<context>
    <name>Ask</name>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
</context>
<context>
    <name>AttributesDialog</name>
    <message>
        <source>Document attributes</source>
        <translation>Documentkenmerken</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>Kenmerk</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Waarde</translation>
    </message>
    <message>
        <source>Add attribute</source>
        <translation>Kenmerk toevoegen</translation>
    </message>
</context>
<context>
    <name>CodePicker</name>
    <message>
        <source>Type to search codes</source>
        <translation>Typ om codes te zoeken</translation>
    </message>
    <message>
        <source>Search codes</source>
        <translation>Codes zoeken</translation>
    </message>
    <message>
        <source>Codes</source>
        <translation>Codes</translation>
    </message>
</context>
<context>
    <name>CodebookEditor</name>
    <message>
        <source>Apply to the selection</source>
        <translation>Toepassen op de selectie</translation>
    </message>
    <message>
        <source>Pin to key</source>
        <translation>Vastzetten op toets</translation>
    </message>
    <message>
        <source>No key</source>
        <translation>Geen toets</translation>
    </message>
    <message>
        <source>Add code...</source>
        <translation>Code toevoegen...</translation>
    </message>
    <message>
        <source>Add category...</source>
        <translation>Categorie toevoegen...</translation>
    </message>
    <message>
        <source>Rename...</source>
        <translation>Hernoemen...</translation>
    </message>
    <message>
        <source>Colour...</source>
        <translation>Kleur...</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Omhoog</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Omlaag</translation>
    </message>
    <message>
        <source>Move to category...</source>
        <translation>Naar categorie verplaatsen...</translation>
    </message>
    <message>
        <source>Memo...</source>
        <translation>Memo...</translation>
    </message>
    <message>
        <source>Delete code...</source>
        <translation>Code verwijderen...</translation>
    </message>
    <message>
        <source>Delete code</source>
        <translation>Code verwijderen</translation>
    </message>
    <message>
        <source>Delete the code {name}?</source>
        <translation>De code {name} verwijderen?</translation>
    </message>
    <message>
        <source>{name} has {n} segment(s) (of all coders). What happens to them?</source>
        <translation>{name} heeft {n} segment(en) (van alle codeurs). Wat gebeurt ermee?</translation>
    </message>
    <message>
        <source>Delete the {n} segment(s)</source>
        <translation>De {n} segment(en) verwijderen</translation>
    </message>
    <message>
        <source>Move them to another code...</source>
        <translation>Naar een andere code verplaatsen...</translation>
    </message>
    <message>
        <source>Move the segments of {name} to</source>
        <translation>De segmenten van {name} verplaatsen naar</translation>
    </message>
    <message>
        <source>Name of the new {kind}:</source>
        <translation>Naam van de nieuwe {kind}:</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Hernoemen</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Nieuwe naam:</translation>
    </message>
    <message>
        <source>Colour of {name}</source>
        <translation>Kleur van {name}</translation>
    </message>
    <message>
        <source>Move to category</source>
        <translation>Naar categorie verplaatsen</translation>
    </message>
</context>
<context>
    <name>CodebookPanel</name>
    <message>
        <source>Filter codes</source>
        <translation>Codes filteren</translation>
    </message>
    <message>
        <source>Codebook</source>
        <translation>Codeboek</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Toepassen</translation>
    </message>
    <message>
        <source>Code the selected text with this code (also: double-click, Enter, the code&apos;s number key)</source>
        <translation>De geselecteerde tekst met deze code coderen (ook: dubbelklikken, Enter, het cijfer van de code)</translation>
    </message>
    <message>
        <source>Definition of the code</source>
        <translation>Definitie van de code</translation>
    </message>
    <message>
        <source>Click a code to read its definition and its include and exclude rules here. Double-click it, press Enter or Apply to code the selected text.</source>
        <translation>Klik op een code om hier de definitie en de regels voor wel en niet coderen te lezen. Dubbelklik erop, druk op Enter of op Toepassen om de geselecteerde tekst te coderen.</translation>
    </message>
    <message>
        <source>Definition</source>
        <translation>Definitie</translation>
    </message>
    <message>
        <source>Include</source>
        <translation>Wel coderen</translation>
    </message>
    <message>
        <source>Exclude</source>
        <translation>Niet coderen</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>Termen</translation>
    </message>
</context>
<context>
    <name>CoderDialog</name>
    <message>
        <source>Who is coding?</source>
        <translation>Wie codeert er?</translation>
    </message>
    <message>
        <source>Coder name</source>
        <translation>Naam van de codeur</translation>
    </message>
    <message>
        <source>your name</source>
        <translation>je naam</translation>
    </message>
    <message>
        <source>Your name as coder. Segments are recorded under it; in blind mode you see
only your own. Choose an existing coder or type a new name.</source>
        <translation>Je naam als codeur. Segmenten worden onder die naam vastgelegd; als je blind codeert,
zie je alleen je eigen segmenten. Kies een bestaande codeur of typ een nieuwe naam.</translation>
    </message>
</context>
<context>
    <name>CodingActions</name>
    <message>
        <source>Area drawn: apply a code to it (a code&apos;s key 1-9, Ctrl+K, or a click in the codebook).</source>
        <translation>Gebied getekend: pas er een code op toe (het cijfer van een code 1-9, Ctrl+K of het codeboek).</translation>
    </message>
    <message>
        <source>{code} by {coder}: &quot;{quote}&quot;</source>
        <translation>{code} door {coder}: &quot;{quote}&quot;</translation>
    </message>
    <message>
        <source>No code is pinned to key {key}; pin one from the codebook&apos;s context menu.</source>
        <translation>Er is geen code vastgezet op toets {key}; zet er een vast via het contextmenu van het codeboek.</translation>
    </message>
    <message>
        <source>Coded {code} on an area of p. {page}.</source>
        <translation>{code} gecodeerd op een gebied van p. {page}.</translation>
    </message>
    <message>
        <source>Coded {code} on p. {page}.</source>
        <translation>{code} gecodeerd op p. {page}.</translation>
    </message>
    <message>
        <source>Select text first: drag over words (double-click: a word, shift-click: extend).</source>
        <translation>Selecteer eerst tekst: sleep over woorden (dubbelklik: een woord, Shift-klik: uitbreiden).</translation>
    </message>
    <message>
        <source>Recoded as {code}.</source>
        <translation>Gehercodeerd als {code}.</translation>
    </message>
    <message>
        <source>Already coded: {code} on this passage; nothing added.</source>
        <translation>Al gecodeerd: {code} op deze passage; niets toegevoegd.</translation>
    </message>
    <message>
        <source>Extend segment?</source>
        <translation>Segment verlengen?</translation>
    </message>
    <message>
        <source>You already coded {code} on an overlapping passage (p. {page}). Extend that segment to cover the selection, or code the selection as a second segment?</source>
        <translation>Je hebt {code} al gecodeerd op een overlappende passage (p. {page}). Dat segment verlengen tot over de selectie, of de selectie als tweede segment coderen?</translation>
    </message>
    <message>
        <source>Extend the segment</source>
        <translation>Het segment verlengen</translation>
    </message>
    <message>
        <source>Code a second segment</source>
        <translation>Een tweede segment coderen</translation>
    </message>
    <message>
        <source>Extended your {code} segment; no second segment added.</source>
        <translation>Je segment {code} is verlengd; geen tweede segment toegevoegd.</translation>
    </message>
    <message>
        <source>This segment is {name}&apos;s; you can only change your own segments.</source>
        <translation>Dit segment is van {name}; je kunt alleen je eigen segmenten wijzigen.</translation>
    </message>
    <message>
        <source>Recode as</source>
        <translation>Hercoderen als</translation>
    </message>
    <message>
        <source>Code with</source>
        <translation>Coderen met</translation>
    </message>
    <message>
        <source>Memo on {code}:</source>
        <translation>Memo bij {code}:</translation>
    </message>
    <message>
        <source>Segment deleted (Ctrl+Z brings it back).</source>
        <translation>Segment verwijderd (Ctrl+Z haalt het terug).</translation>
    </message>
    <message>
        <source>No segments in this document yet.</source>
        <translation>Nog geen segmenten in dit document.</translation>
    </message>
    <message>
        <source>No next segment in this document.</source>
        <translation>Geen volgend segment in dit document.</translation>
    </message>
    <message>
        <source>No previous segment in this document.</source>
        <translation>Geen vorig segment in dit document.</translation>
    </message>
    <message>
        <source>Code with... (searchable)</source>
        <translation>Coderen met... (doorzoekbaar)</translation>
    </message>
    <message>
        <source>Recode as... (searchable)</source>
        <translation>Hercoderen als... (doorzoekbaar)</translation>
    </message>
    <message>
        <source>Edit memo...</source>
        <translation>Memo bewerken...</translation>
    </message>
    <message>
        <source>Delete segment</source>
        <translation>Segment verwijderen</translation>
    </message>
    <message>
        <source>{name}&apos;s segment (read only)</source>
        <translation>Segment van {name} (alleen lezen)</translation>
    </message>
    <message>
        <source>Select text to code it (drag over words; Ctrl+drag: an area)</source>
        <translation>Selecteer tekst om te coderen (sleep over woorden; Ctrl+slepen: een gebied)</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Toets</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Gemeente</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Blz.</translation>
    </message>
    <message>
        <source>Coded</source>
        <translation>Segm.</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Pagina</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>Citaat</translation>
    </message>
    <message>
        <source>Coder</source>
        <translation>Codeur</translation>
    </message>
    <message>
        <source>Memo</source>
        <translation>Memo</translation>
    </message>
    <message>
        <source>city</source>
        <translation>gemeente</translation>
    </message>
    <message>
        <source>page</source>
        <translation>pagina</translation>
    </message>
    <message>
        <source>code</source>
        <translation>code</translation>
    </message>
    <message>
        <source>coder</source>
        <translation>codeur</translation>
    </message>
    <message>
        <source>quote</source>
        <translation>citaat</translation>
    </message>
</context>
<context>
    <name>CooccurrenceView</name>
    <message>
        <source>Co-occurrence within</source>
        <translation>Samen voorkomen binnen</translation>
    </message>
    <message>
        <source>Documents with both codes</source>
        <translation>Documenten met beide codes</translation>
    </message>
    <message>
        <source>Segments near each other</source>
        <translation>Segmenten dicht bij elkaar</translation>
    </message>
    <message>
        <source>Segments in one paragraph</source>
        <translation>Segmenten in één alinea</translation>
    </message>
    <message>
        <source>Distance in characters</source>
        <translation>Afstand in tekens</translation>
    </message>
    <message>
        <source> characters</source>
        <translation> tekens</translation>
    </message>
    <message>
        <source>Segments of one coder that overlap (0) or lie at most this far apart</source>
        <translation>Segmenten van één codeur die overlappen (0) of hooguit zo ver uit elkaar liggen</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>Berekenen</translation>
    </message>
    <message>
        <source>Co-occurrence matrix</source>
        <translation>Matrix van samen voorkomen</translation>
    </message>
    <message>
        <source>Pairs of codes</source>
        <translation>Paren van codes</translation>
    </message>
    <message>
        <source>code a</source>
        <translation>code a</translation>
    </message>
    <message>
        <source>code b</source>
        <translation>code b</translation>
    </message>
    <message>
        <source>count</source>
        <translation>aantal</translation>
    </message>
    <message>
        <source>documents</source>
        <translation>documenten</translation>
    </message>
    <message>
        <source>{n_pairs} pair(s) of codes co-occur ({what}; {selection}). The diagonal counts documents per code.</source>
        <translation>{n_pairs} paar (paren) codes komen samen voor ({what}; {selection}). De diagonaal telt documenten per code.</translation>
    </message>
    <message>
        <source>{n_pairs} pair(s) of codes co-occur ({what}; {selection}). The diagonal counts segments per code.</source>
        <translation>{n_pairs} paar (paren) codes komen samen voor ({what}; {selection}). De diagonaal telt segmenten per code.</translation>
    </message>
</context>
<context>
    <name>DisagreementView</name>
    <message>
        <source>Disagreements</source>
        <translation>Meningsverschillen</translation>
    </message>
    <message>
        <source>The passage and its codings</source>
        <translation>De passage en de coderingen</translation>
    </message>
    <message>
        <source>Both (B)</source>
        <translation>Beide (B)</translation>
    </message>
    <message>
        <source>Reject (R)</source>
        <translation>Verwerpen (R)</translation>
    </message>
    <message>
        <source>Selection (S)</source>
        <translation>Selectie (S)</translation>
    </message>
    <message>
        <source>Undo (U)</source>
        <translation>Ongedaan maken (U)</translation>
    </message>
    <message>
        <source>{n_passages} open disagreement(s).</source>
        <translation>{n_passages} open meningsverschil(len).</translation>
    </message>
    <message>
        <source>{key}: accept {name}</source>
        <translation>{key}: die van {name} overnemen</translation>
    </message>
    <message>
        <source>Say who decides first (the coder working in the window).</source>
        <translation>Zeg eerst wie beslist (de codeur die in het venster werkt).</translation>
    </message>
    <message>
        <source>{name} is not one of the coders compared here.</source>
        <translation>{name} is niet een van de codeurs die hier worden vergeleken.</translation>
    </message>
    <message>
        <source>Select the passage&apos;s new extent in the document first.</source>
        <translation>Selecteer eerst de nieuwe omvang van de passage in het document.</translation>
    </message>
</context>
<context>
    <name>DocumentDetails</name>
    <message>
        <source>Attributes...</source>
        <translation>Kenmerken...</translation>
    </message>
    <message>
        <source>Edit this document&apos;s attributes (city, rank, ...)</source>
        <translation>De kenmerken van dit document bewerken (gemeente, rang, ...)</translation>
    </message>
    <message>
        <source>Memo...</source>
        <translation>Memo...</translation>
    </message>
    <message>
        <source>Your memo on this document</source>
        <translation>Jouw memo bij dit document</translation>
    </message>
</context>
<context>
    <name>DocumentList</name>
    <message>
        <source>Filter documents (city, title, attribute)</source>
        <translation>Documenten filteren (gemeente, titel, kenmerk)</translation>
    </message>
    <message>
        <source>Filter documents</source>
        <translation>Documenten filteren</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Documenten</translation>
    </message>
</context>
<context>
    <name>DocumentPane</name>
    <message>
        <source>Memo: {memo}</source>
        <translation>Memo: {memo}</translation>
    </message>
    <message>
        <source>Suggested by the dictionary: accept or reject it in the review queue</source>
        <translation>Voorgesteld door het woordenboek: accepteer of verwerp het in de lijst met suggesties</translation>
    </message>
    <message>
        <source>Coder: {name}</source>
        <translation>Codeur: {name}</translation>
    </message>
    <message>
        <source>Pages of the document</source>
        <translation>Pagina&apos;s van het document</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+-)</source>
        <translation>Uitzoomen (Ctrl+-)</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Uitzoomen</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>Inzoomen (Ctrl++)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Inzoomen</translation>
    </message>
    <message>
        <source>Zoom: fit width, fit page or 50-400 %</source>
        <translation>Zoom: paginabreedte, hele pagina of 50-400 %</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>Paginabreedte</translation>
    </message>
    <message>
        <source>Fit page</source>
        <translation>Hele pagina</translation>
    </message>
    <message>
        <source>Go to a page by its printed number (Ctrl+G)</source>
        <translation>Naar een pagina met het gedrukte nummer (Ctrl+G)</translation>
    </message>
    <message>
        <source>Page number</source>
        <translation>Paginanummer</translation>
    </message>
    <message>
        <source>  Page</source>
        <translation>  Pagina</translation>
    </message>
    <message>
        <source>This document has no page printed &apos;{label}&apos;.</source>
        <translation>Dit document heeft geen pagina met het nummer &apos;{label}&apos;.</translation>
    </message>
</context>
<context>
    <name>ExportActions</name>
    <message>
        <source>CSV, semicolon - Dutch Excel (*.csv)</source>
        <translation>CSV, puntkomma - Nederlandse Excel (*.csv)</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV, comma (*.csv)</source>
        <translation>CSV, komma (*.csv)</translation>
    </message>
    <message>
        <source>Export the matrix</source>
        <translation>De matrix exporteren</translation>
    </message>
    <message>
        <source>Export everything to Excel</source>
        <translation>Alles naar Excel exporteren</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>Geëxporteerd</translation>
    </message>
    <message>
        <source>Written to {path}</source>
        <translation>Geschreven naar {path}</translation>
    </message>
    <message>
        <source>Open the folder</source>
        <translation>De map openen</translation>
    </message>
    <message>
        <source>Export the summary</source>
        <translation>De samenvatting exporteren</translation>
    </message>
    <message>
        <source>HTML (*.html);;Markdown (*.md);;CSV, one row per quote (*.csv)</source>
        <translation>HTML (*.html);;Markdown (*.md);;CSV, een rij per citaat (*.csv)</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find:</source>
        <translation>Zoeken:</translation>
    </message>
    <message>
        <source>text in this document (Enter: next, Shift+Enter: previous)</source>
        <translation>tekst in dit document (Enter: volgende, Shift+Enter: vorige)</translation>
    </message>
    <message>
        <source>Find in this document</source>
        <translation>Zoeken in dit document</translation>
    </message>
    <message>
        <source>Previous hit (Shift+Enter)</source>
        <translation>Vorige vondst (Shift+Enter)</translation>
    </message>
    <message>
        <source>Next hit (Enter)</source>
        <translation>Volgende vondst (Enter)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Sluiten (Esc)</translation>
    </message>
</context>
<context>
    <name>Follow</name>
    <message>
        <source>Blind coding is on: switch on View &gt; Show other coders to compare coders</source>
        <translation>Blind coderen staat aan: zet Beeld &gt; Segmenten van andere codeurs tonen aan om codeurs te vergelijken</translation>
    </message>
    <message>
        <source>Blind coding is on: only your codings ({name}) are shown. Switch on View &gt; Show other coders to compare coders.</source>
        <translation>Blind coderen staat aan: alleen jouw coderingen ({name}) worden getoond. Zet Beeld &gt; Segmenten van andere codeurs tonen aan om codeurs te vergelijken.</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>BurgerAnnotator — user guide</source>
        <translation>BurgerAnnotator — handleiding</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>Handleiding</translation>
    </message>
    <message>
        <source>The user guide could not be read ({reason}).</source>
        <translation>De handleiding kon niet worden gelezen ({reason}).</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <source>About BurgerAnnotator</source>
        <translation>Over BurgerAnnotator</translation>
    </message>
    <message>
        <source>BurgerAnnotator &amp;user guide</source>
        <translation>&amp;Handleiding van BurgerAnnotator</translation>
    </message>
    <message>
        <source>Open the &amp;demo project</source>
        <translation>Het &amp;demoproject openen</translation>
    </message>
    <message>
        <source>&amp;About BurgerAnnotator</source>
        <translation>&amp;Over BurgerAnnotator</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Importing...</source>
        <translation>Bezig met importeren...</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Import PDFs</source>
        <translation>PDF&apos;s importeren</translation>
    </message>
    <message>
        <source>Importing {name} ({n} of {total})</source>
        <translation>{name} importeren ({n} van {total})</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importeren</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Wachtwoord</translation>
    </message>
    <message>
        <source>{message}
Password:</source>
        <translation>{message}
Wachtwoord:</translation>
    </message>
</context>
<context>
    <name>Levels</name>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Tekst</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>Schaal</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>BurgerAnnotator</source>
        <translation>BurgerAnnotator</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>Segmenten</translation>
    </message>
    <message>
        <source>Switch coder</source>
        <translation>Andere codeur</translation>
    </message>
    <message>
        <source>{name} (read-only) — BurgerAnnotator</source>
        <translation>{name} (alleen-lezen) — BurgerAnnotator</translation>
    </message>
    <message>
        <source>{name} — BurgerAnnotator</source>
        <translation>{name} — BurgerAnnotator</translation>
    </message>
    <message>
        <source>others&apos; segments shown</source>
        <translation>segmenten van anderen zichtbaar</translation>
    </message>
    <message>
        <source>blind coding</source>
        <translation>blind coderen</translation>
    </message>
    <message>
        <source>Coder: &lt;b&gt;{name}&lt;/b&gt; ({mode})</source>
        <translation>Codeur: &lt;b&gt;{name}&lt;/b&gt; ({mode})</translation>
    </message>
    <message>
        <source>Stopping the import after the current file, then closing...</source>
        <translation>Het importeren stopt na het huidige bestand; daarna sluit het venster...</translation>
    </message>
</context>
<context>
    <name>MatrixView</name>
    <message>
        <source>All documents</source>
        <translation>Alle documenten</translation>
    </message>
    <message>
        <source>all codes</source>
        <translation>alle codes</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Totaal</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Maat</translation>
    </message>
    <message>
        <source>Coders</source>
        <translation>Codeurs</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Rijen</translation>
    </message>
    <message>
        <source>Hide empty codes</source>
        <translation>Lege codes verbergen</translation>
    </message>
    <message>
        <source>Matrix of documents and codes</source>
        <translation>Matrix van documenten en codes</translation>
    </message>
    <message>
        <source>Segments of the chosen cell</source>
        <translation>Segmenten van de gekozen cel</translation>
    </message>
    <message>
        <source>All coders pooled</source>
        <translation>Alle codeurs samen</translation>
    </message>
    <message>
        <source>Coders side by side</source>
        <translation>Codeurs naast elkaar</translation>
    </message>
    <message>
        <source>Consensus ({name})</source>
        <translation>Consensus ({name})</translation>
    </message>
    <message>
        <source>{rows} documents x {cols} columns; {segment_total} segments ({description}). Click a cell to list its segments.</source>
        <translation>{rows} documenten x {cols} kolommen; {segment_total} segmenten ({description}). Klik op een cel voor de segmenten.</translation>
    </message>
    <message>
        <source>&amp;Matrix (city x code)</source>
        <translation>&amp;Matrix (gemeente x code)</translation>
    </message>
    <message>
        <source>Matrix (CSV or Excel)...</source>
        <translation>Matrix (CSV of Excel)...</translation>
    </message>
    <message>
        <source>Everything (Excel workbook)...</source>
        <translation>Alles (Excel-werkmap)...</translation>
    </message>
</context>
<context>
    <name>Measures</name>
    <message>
        <source>presence</source>
        <translation>aanwezigheid</translation>
    </message>
    <message>
        <source>count</source>
        <translation>aantal</translation>
    </message>
    <message>
        <source>coverage</source>
        <translation>dekking</translation>
    </message>
</context>
<context>
    <name>MemoActions</name>
    <message>
        <source>Your memo on {title}:</source>
        <translation>Jouw memo bij {title}:</translation>
    </message>
</context>
<context>
    <name>MemoDialog</name>
    <message>
        <source>Memo</source>
        <translation>Memo</translation>
    </message>
    <message>
        <source>Memo text</source>
        <translation>Tekst van het memo</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Bewaren</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Ctrl+Enter saves, Escape cancels.</source>
        <translation>Ctrl+Enter bewaart, Escape annuleert.</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <source>&amp;New project...</source>
        <translation>&amp;Nieuw project...</translation>
    </message>
    <message>
        <source>&amp;Open project...</source>
        <translation>Project &amp;openen...</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>&amp;Recent geopend</translation>
    </message>
    <message>
        <source>Open the &amp;demo project</source>
        <translation>Het &amp;demoproject openen</translation>
    </message>
    <message>
        <source>&amp;Import PDFs...</source>
        <translation>PDF&apos;s &amp;importeren...</translation>
    </message>
    <message>
        <source>Import PDFs (or drop them on the window)</source>
        <translation>PDF&apos;s importeren (of sleep ze op het venster)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exporteren</translation>
    </message>
    <message>
        <source>&amp;Close project</source>
        <translation>Project &amp;sluiten</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>Be&amp;werken</translation>
    </message>
    <message>
        <source>&amp;Find in document...</source>
        <translation>&amp;Zoeken in het document...</translation>
    </message>
    <message>
        <source>Recode selected segment...</source>
        <translation>Gekozen segment hercoderen...</translation>
    </message>
    <message>
        <source>Edit &amp;memo of selected segment...</source>
        <translation>&amp;Memo van het gekozen segment bewerken...</translation>
    </message>
    <message>
        <source>&amp;Delete selected segment</source>
        <translation>Gekozen segment &amp;verwijderen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Bee&amp;ld</translation>
    </message>
    <message>
        <source>Fit &amp;width</source>
        <translation>Pagina&amp;breedte</translation>
    </message>
    <message>
        <source>Fit &amp;page</source>
        <translation>&amp;Hele pagina</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>&amp;Inzoomen</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>&amp;Uitzoomen</translation>
    </message>
    <message>
        <source>&amp;Go to page...</source>
        <translation>&amp;Naar pagina...</translation>
    </message>
    <message>
        <source>Show &amp;other coders&apos; segments</source>
        <translation>Segmenten van &amp;andere codeurs tonen</translation>
    </message>
    <message>
        <source>Off: blind coding, you see only your own segments</source>
        <translation>Uit: blind coderen, je ziet alleen je eigen segmenten</translation>
    </message>
    <message>
        <source>Focus &amp;documents</source>
        <translation>Naar de &amp;documenten</translation>
    </message>
    <message>
        <source>Focus the &amp;page</source>
        <translation>Naar de &amp;pagina</translation>
    </message>
    <message>
        <source>Focus the &amp;codebook</source>
        <translation>Naar het &amp;codeboek</translation>
    </message>
    <message>
        <source>Focus the &amp;segments</source>
        <translation>Naar de &amp;segmenten</translation>
    </message>
    <message>
        <source>Panels</source>
        <translation>Panelen</translation>
    </message>
    <message>
        <source>&amp;Code</source>
        <translation>&amp;Coderen</translation>
    </message>
    <message>
        <source>Code the selection &amp;with... (searchable)</source>
        <translation>De selectie coderen &amp;met... (doorzoekbaar)</translation>
    </message>
    <message>
        <source>&amp;Area tool: draw a rectangle to code</source>
        <translation>&amp;Gebied: teken een rechthoek om te coderen</translation>
    </message>
    <message>
        <source>Or Ctrl+drag on a page: code a figure, table or scan as an area</source>
        <translation>Of Ctrl+slepen op een pagina: codeer een figuur, tabel of scan als gebied</translation>
    </message>
    <message>
        <source>&amp;Recognise text of this document (OCR)</source>
        <translation>Tekst van dit document he&amp;rkennen (OCR)</translation>
    </message>
    <message>
        <source>&amp;Next segment</source>
        <translation>&amp;Volgend segment</translation>
    </message>
    <message>
        <source>&amp;Previous segment</source>
        <translation>V&amp;orig segment</translation>
    </message>
    <message>
        <source>Apply pinned code {key}</source>
        <translation>Vastgezette code {key} toepassen</translation>
    </message>
    <message>
        <source>Add code...</source>
        <translation>Code toevoegen...</translation>
    </message>
    <message>
        <source>Document &amp;attributes...</source>
        <translation>Document&amp;kenmerken...</translation>
    </message>
    <message>
        <source>Document &amp;memo...</source>
        <translation>Document&amp;memo...</translation>
    </message>
    <message>
        <source>C&amp;oder</source>
        <translation>C&amp;odeur</translation>
    </message>
    <message>
        <source>&amp;Switch coder...</source>
        <translation>&amp;Andere codeur...</translation>
    </message>
    <message>
        <source>Apply {name}</source>
        <translation>{name} toepassen</translation>
    </message>
    <message>
        <source>Apply pinned code {key} (none pinned)</source>
        <translation>Vastgezette code {key} toepassen (geen vastgezet)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Taal</translation>
    </message>
    <message>
        <source>As the system ({language})</source>
        <translation>Zoals het systeem ({language})</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <source>BurgerAnnotator speaks {language} from its next start.</source>
        <translation>BurgerAnnotator spreekt {language} vanaf de volgende start.</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>Nu herstarten</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Later</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(nog geen)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation>&amp;Analyse</translation>
    </message>
    <message>
        <source>&amp;Summary per document</source>
        <translation>&amp;Samenvatting per document</translation>
    </message>
    <message>
        <source>&amp;Agreement between coders</source>
        <translation>&amp;Overeenstemming tussen codeurs</translation>
    </message>
    <message>
        <source>&amp;Disagreements and consensus</source>
        <translation>&amp;Meningsverschillen en consensus</translation>
    </message>
    <message>
        <source>&amp;Query codes (AND, OR, NOT, NEAR)</source>
        <translation>Codes &amp;bevragen (AND, OR, NOT, NEAR)</translation>
    </message>
    <message>
        <source>&amp;Co-occurrence of codes</source>
        <translation>&amp;Samen voorkomen van codes</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge coder project</source>
        <translation>Project van een codeur samenvoegen</translation>
    </message>
    <message>
        <source>Another coder&apos;s copy of this project (.bap)</source>
        <translation>De kopie van dit project van een andere codeur (.bap)</translation>
    </message>
    <message>
        <source>Project to merge</source>
        <translation>Samen te voegen project</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Kiezen…</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Controleren</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflicten</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Wijziging</translation>
    </message>
    <message>
        <source>Here</source>
        <translation>Hier</translation>
    </message>
    <message>
        <source>In the other copy</source>
        <translation>In de andere kopie</translation>
    </message>
    <message>
        <source>Choice</source>
        <translation>Keuze</translation>
    </message>
    <message>
        <source>Choose a file and press Check to see what differs.</source>
        <translation>Kies een bestand en druk op Controleren om te zien wat verschilt.</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Samenvoegen</translation>
    </message>
    <message>
        <source>Codebook conflicts (choose per conflict):</source>
        <translation>Conflicten in het codeboek (kies per conflict):</translation>
    </message>
    <message>
        <source>BurgerAnnotator project (*.bap)</source>
        <translation>BurgerAnnotator-project (*.bap)</translation>
    </message>
    <message>
        <source>Choose the other coder&apos;s project file first.</source>
        <translation>Kies eerst het projectbestand van de andere codeur.</translation>
    </message>
    <message>
        <source>Merged. The summary is kept in the project log.</source>
        <translation>Samengevoegd. De samenvatting staat in het projectlogboek.</translation>
    </message>
    <message>
        <source>Merge coder project…</source>
        <translation>Project van een codeur samenvoegen…</translation>
    </message>
</context>
<context>
    <name>OcrActions</name>
    <message>
        <source>Recognising text</source>
        <translation>Tekst herkennen</translation>
    </message>
    <message>
        <source>Recognise text</source>
        <translation>Tekst herkennen</translation>
    </message>
    <message>
        <source>Every page of {label} has text already. Recognise all {page_count} pages again from their pictures (slow: seconds per page)? Segments keep their places.</source>
        <translation>Elke pagina van {label} heeft al tekst. Alle {page_count} pagina&apos;s opnieuw herkennen uit hun afbeelding (traag: seconden per pagina)? Segmenten blijven op hun plaats.</translation>
    </message>
    <message>
        <source>Recognising text...</source>
        <translation>Tekst wordt herkend...</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Recognising page {value} of {total} of {label}</source>
        <translation>Pagina {value} van {total} van {label} wordt herkend</translation>
    </message>
</context>
<context>
    <name>Panels</name>
    <message>
        <source>Documents</source>
        <translation>Documenten</translation>
    </message>
    <message>
        <source>Codebook</source>
        <translation>Codeboek</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>Segmenten</translation>
    </message>
    <message>
        <source>Matrix</source>
        <translation>Matrix</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Samenvatting</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Overeenstemming</translation>
    </message>
    <message>
        <source>Disagreements</source>
        <translation>Meningsverschillen</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Zoeken</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>Suggesties</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Bevragen</translation>
    </message>
    <message>
        <source>Co-occurrence</source>
        <translation>Samen voorkomen</translation>
    </message>
</context>
<context>
    <name>ProjectActions</name>
    <message>
        <source>New project</source>
        <translation>Nieuw project</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Project openen</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF-documenten (*.pdf)</translation>
    </message>
    <message>
        <source>Import PDF?</source>
        <translation>PDF importeren?</translation>
    </message>
    <message>
        <source>{name} is a PDF document, not a project. Import it into the open project ({project})?</source>
        <translation>{name} is een PDF-document, geen project. Importeren in het geopende project ({project})?</translation>
    </message>
    <message>
        <source>{name} is a PDF document. Documents are coded inside a project: make a new project and import it?</source>
        <translation>{name} is een PDF-document. Documenten worden binnen een project gecodeerd: een nieuw project maken en het daarin importeren?</translation>
    </message>
    <message>
        <source>New project and import</source>
        <translation>Nieuw project en importeren</translation>
    </message>
    <message>
        <source>{path} no longer exists (moved or deleted?).</source>
        <translation>{path} bestaat niet meer (verplaatst of verwijderd?).</translation>
    </message>
    <message>
        <source>Building the demo project...</source>
        <translation>Het demoproject wordt gebouwd...</translation>
    </message>
    <message>
        <source>Open or create a project first, then import PDFs into it.</source>
        <translation>Open of maak eerst een project en importeer de PDF&apos;s daarin.</translation>
    </message>
    <message>
        <source>Import PDFs</source>
        <translation>PDF&apos;s importeren</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-bestanden (*.pdf)</translation>
    </message>
    <message>
        <source>{done} of {total} PDF(s) imported.</source>
        <translation>{done} van {total} PDF(&apos;s) geïmporteerd.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importeren</translation>
    </message>
    <message>
        <source> and {n} more</source>
        <translation> en nog {n}</translation>
    </message>
    <message>
        <source>Not imported, not PDF files: {names}. BurgerAnnotator codes PDF documents; save the file as PDF first.</source>
        <translation>Niet geïmporteerd, geen PDF-bestanden: {names}. BurgerAnnotator codeert PDF-documenten; sla het bestand eerst op als PDF.</translation>
    </message>
</context>
<context>
    <name>ProjectNotice</name>
    <message>
        <source>{n} unreadable value(s) shown repaired; the file is unchanged.</source>
        <translation>{n} onleesbare waarde(n) hersteld getoond; het bestand is niet veranderd.</translation>
    </message>
    <message>
        <source>{n} unreadable value(s) repaired on opening; see the project log.</source>
        <translation>{n} onleesbare waarde(n) hersteld bij het openen; zie het projectlogboek.</translation>
    </message>
    <message>
        <source>Read-only: {name} is in a folder that cannot be written; nothing can be changed. Copy it to a folder you can write to.</source>
        <translation>Alleen-lezen: {name} staat in een map waarin niet geschreven kan worden; er kan niets veranderd worden. Kopieer het naar een map waarin u kunt schrijven.</translation>
    </message>
    <message>
        <source>Read-only: {name} is open for reading; nothing can be changed.</source>
        <translation>Alleen-lezen: {name} is geopend om te lezen; er kan niets veranderd worden.</translation>
    </message>
    <message>
        <source>No backup made: {reason}</source>
        <translation>Geen reservekopie gemaakt: {reason}</translation>
    </message>
    <message>
        <source>Backup made: {name}</source>
        <translation>Reservekopie gemaakt: {name}</translation>
    </message>
</context>
<context>
    <name>QueryView</name>
    <message>
        <source>Code query</source>
        <translation>Vraag over codes</translation>
    </message>
    <message>
        <source>MECH-BURGERBERAAD AND NOT TERM-DEMOCRATISCHE-VERNIEUWING, A NEAR/200 B</source>
        <translation>MECH-BURGERBERAAD AND NOT TERM-DEMOCRATISCHE-VERNIEUWING, A NEAR/200 B</translation>
    </message>
    <message>
        <source>Attribute filters</source>
        <translation>Filters op kenmerken</translation>
    </message>
    <message>
        <source>rank&lt;=4; period=2022-2026</source>
        <translation>rank&lt;=4; period=2022-2026</translation>
    </message>
    <message>
        <source>Attribute filters, separated by &apos;;&apos;: = != &lt; &lt;= &gt; &gt;= (numbers compare as numbers)</source>
        <translation>Filters op kenmerken, gescheiden door &apos;;&apos;: = != &lt; &lt;= &gt; &gt;= (getallen vergelijken als getallen)</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Uitvoeren</translation>
    </message>
    <message>
        <source>Segments that match</source>
        <translation>Segmenten die voldoen</translation>
    </message>
    <message>
        <source>Codes</source>
        <translation>Codes</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Waar</translation>
    </message>
    <message>
        <source>{n_documents} of {searched} document(s) match: {docs}. {n_hits} segment(s); double-click one to see it.</source>
        <translation>{n_documents} van {searched} document(en) voldoen: {docs}. {n_hits} segment(en); dubbelklik om er een te zien.</translation>
    </message>
</context>
<context>
    <name>RefiActions</name>
    <message>
        <source>Import REFI-QDA codebook or project (.qdc, .qdpx)…</source>
        <translation>REFI-QDA-codeboek of -project importeren (.qdc, .qdpx)…</translation>
    </message>
    <message>
        <source>Codes and codings from MAXQDA, ATLAS.ti or NVivo</source>
        <translation>Codes en coderingen uit MAXQDA, ATLAS.ti of NVivo</translation>
    </message>
    <message>
        <source>Export to REFI-QDA…</source>
        <translation>Exporteren naar REFI-QDA…</translation>
    </message>
    <message>
        <source>For MAXQDA, ATLAS.ti or NVivo: a .qdpx project or a .qdc codebook</source>
        <translation>Voor MAXQDA, ATLAS.ti of NVivo: een .qdpx-project of een .qdc-codeboek</translation>
    </message>
    <message>
        <source>Open or create a project first.</source>
        <translation>Open of maak eerst een project.</translation>
    </message>
    <message>
        <source>Import REFI-QDA codebook or project</source>
        <translation>REFI-QDA-codeboek of -project importeren</translation>
    </message>
    <message>
        <source>REFI-QDA files (*.qdpx *.qdc);;REFI-QDA project (*.qdpx);;REFI-QDA codebook (*.qdc)</source>
        <translation>REFI-QDA-bestanden (*.qdpx *.qdc);;REFI-QDA-project (*.qdpx);;REFI-QDA-codeboek (*.qdc)</translation>
    </message>
    <message>
        <source>{path} does not exist or is not a file.</source>
        <translation>{path} bestaat niet of is geen bestand.</translation>
    </message>
    <message>
        <source>REFI-QDA import</source>
        <translation>REFI-QDA-import</translation>
    </message>
    <message>
        <source>REFI-QDA project (*.qdpx)</source>
        <translation>REFI-QDA-project (*.qdpx)</translation>
    </message>
    <message>
        <source>REFI-QDA codebook (*.qdc)</source>
        <translation>REFI-QDA-codeboek (*.qdc)</translation>
    </message>
    <message>
        <source>Export to REFI-QDA</source>
        <translation>Exporteren naar REFI-QDA</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Search all documents: word, prefix*, &quot;a phrase&quot;, … OR …</source>
        <translation>Zoek in alle documenten: woord, begin*, &quot;een zinsdeel&quot;, … OR …</translation>
    </message>
    <message>
        <source>Search all documents</source>
        <translation>Zoeken in alle documenten</translation>
    </message>
    <message>
        <source>Search hits</source>
        <translation>Zoekresultaten</translation>
    </message>
    <message>
        <source>Code hit</source>
        <translation>Vondst coderen</translation>
    </message>
    <message>
        <source>Code the selected hit with the current code (Ctrl+Return)</source>
        <translation>De gekozen vondst coderen met de huidige code (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>1 hit</source>
        <translation>1 vondst</translation>
    </message>
    <message>
        <source>{n} hits</source>
        <translation>{n} vondsten</translation>
    </message>
    <message>
        <source>1 document</source>
        <translation>1 document</translation>
    </message>
    <message>
        <source>{n} documents</source>
        <translation>{n} documenten</translation>
    </message>
    <message>
        <source>{hits} in {documents}</source>
        <translation>{hits} in {documents}</translation>
    </message>
    <message>
        <source>Choose a code in the codebook first, then code the hit.</source>
        <translation>Kies eerst een code in het codeboek en codeer dan de vondst.</translation>
    </message>
    <message>
        <source>Coded {code} on {document}.</source>
        <translation>{code} gecodeerd in {document}.</translation>
    </message>
    <message>
        <source>Search documents…</source>
        <translation>Zoeken in alle documenten…</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>&lt;h2&gt;BurgerAnnotator&lt;/h2&gt;&lt;p&gt;Code coalition agreements for citizen participation.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;BurgerAnnotator&lt;/h2&gt;&lt;p&gt;Codeer coalitieakkoorden op burgerparticipatie.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Open the demo project (14 cities)</source>
        <translation>Het demoproject openen (14 gemeenten)</translation>
    </message>
    <message>
        <source>New project...</source>
        <translation>Nieuw project...</translation>
    </message>
    <message>
        <source>Open project...</source>
        <translation>Project openen...</translation>
    </message>
    <message>
        <source>Recent projects:</source>
        <translation>Recente projecten:</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>Recente projecten</translation>
    </message>
</context>
<context>
    <name>SuggestionReview</name>
    <message>
        <source>Suggest</source>
        <translation>Voorstellen</translation>
    </message>
    <message>
        <source>Suggest the matched words (hit) or the sentence around them</source>
        <translation>De gevonden woorden (vondst) voorstellen of de zin eromheen</translation>
    </message>
    <message>
        <source>Suggest from dictionary</source>
        <translation>Voorstellen uit het woordenboek</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>Suggesties</translation>
    </message>
    <message>
        <source>Accept (A)</source>
        <translation>Accepteren (A)</translation>
    </message>
    <message>
        <source>Reject (R)</source>
        <translation>Verwerpen (R)</translation>
    </message>
    <message>
        <source>&lt;b&gt;{code}&lt;/b&gt; — {document}, p. {page}</source>
        <translation>&lt;b&gt;{code}&lt;/b&gt; — {document}, p. {page}</translation>
    </message>
    <message>
        <source>Accepted {code}; {n} left.</source>
        <translation>{code} geaccepteerd; nog {n}.</translation>
    </message>
    <message>
        <source>Rejected {code}; {n} left.</source>
        <translation>{code} verworpen; nog {n}.</translation>
    </message>
    <message>
        <source>{new} new suggestion(s); {n} to review.</source>
        <translation>{new} nieuwe suggestie(s); {n} te beoordelen.</translation>
    </message>
    <message>
        <source>Review dictionary suggestions…</source>
        <translation>Suggesties uit het woordenboek beoordelen…</translation>
    </message>
</context>
<context>
    <name>SummaryView</name>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Coders</source>
        <translation>Codeurs</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Samenvatting</translation>
    </message>
    <message>
        <source>All coders</source>
        <translation>Alle codeurs</translation>
    </message>
    <message>
        <source>Summary per document (HTML, Markdown, CSV)...</source>
        <translation>Samenvatting per document (HTML, Markdown, CSV)...</translation>
    </message>
</context>
<context>
    <name>UndoActions</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Ongedaan maken</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Opnieuw</translation>
    </message>
</context>
<context>
    <name>Units</name>
    <message>
        <source>hit</source>
        <translation>vondst</translation>
    </message>
    <message>
        <source>sentence</source>
        <translation>zin</translation>
    </message>
</context>
<context>
    <name>Views</name>
    <message>
        <source>Coders</source>
        <translation>Codeurs</translation>
    </message>
    <message>
        <source>All coders</source>
        <translation>Alle codeurs</translation>
    </message>
    <message>
        <source>Consensus</source>
        <translation>Consensus</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>This project is open read-only: nothing can be changed. Copy it to a folder you can write to and open the copy.</source>
        <translation>Dit project is geopend als alleen-lezen: er kan niets veranderd worden. Kopieer het naar een map waarin u kunt schrijven en open de kopie.</translation>
    </message>
</context>
</TS>
