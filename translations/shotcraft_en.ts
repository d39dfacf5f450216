<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>shotcraft::ui::ActRow</name>
    <message numerus="yes">
        <location filename="../ui/ActRow.cpp" line="+178"/>
        <source>%n shot(s) · %1 s</source>
        <translation>
            <numerusform>%n shot · %1 s</numerusform>
            <numerusform>%n shots · %1 s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shotcraft::ui::MainWindow</name>
    <message numerus="yes">
        <location filename="../ui/MainWindow.cpp" line="+114"/>
        <source>%1 acts · %n shot(s) · %2 s</source>
        <translation>
            <numerusform>%1 acts · %n shot · %2 s</numerusform>
            <numerusform>%1 acts · %n shots · %2 s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/MainWindow_Render.cpp" line="+141"/>
        <source>Drafting %n shot(s) without an up-to-date take</source>
        <translation>
            <numerusform>Drafting %n shot without an up-to-date take</numerusform>
            <numerusform>Drafting %n shots without an up-to-date take</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shotcraft::ui::ShotCard</name>
    <message numerus="yes">
        <location filename="../ui/ShotCard.cpp" line="+169"/>
        <source>%n take(s), preview not loaded</source>
        <translation>
            <numerusform>%n take, preview not loaded</numerusform>
            <numerusform>%n takes, preview not loaded</numerusform>
        </translation>
    </message>
</context>
</TS>
