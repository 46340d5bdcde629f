<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name>Ask</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CodebookPanel</name>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code the selected text with this code (also: double-click, Enter, the code&apos;s number key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a code to read it; double-click or Apply to code the selection.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CodingActions</name>
    <message>
        <source>Already coded: {code} on this passage; nothing added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extend segment?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You already coded {code} on an overlapping passage (p. {page}). Extend that segment to cover the selection, or code the selection as a second segment?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extend the segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code a second segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extended your {code} segment; no second segment added.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Importing {name} ({n} of {total})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As the system ({language})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BurgerAnnotator speaks {language} from its next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Later</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProjectActions</name>
    <message>
        <source>New project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import PDF?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is a PDF document, not a project. Import it into the open project ({project})?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is a PDF document. Documents are coded inside a project: make a new project and import it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New project and import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{done} of {total} PDF(s) imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and {n} more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not imported, not PDF files: {names}. BurgerAnnotator codes PDF documents; save the file as PDF first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
