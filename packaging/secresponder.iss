; Inno Setup script: a per-user installer for the one-folder app that ./package (or
; package.cmd) builds in dist\secresponder. No admin rights are asked for: the app goes to
; %LOCALAPPDATA%\Programs\secresponder and its shortcuts to the user's own Start menu.
;
; Build on Windows with Inno Setup 6:  iscc packaging\secresponder.iss
; (the version can be given: iscc /DAppVersion=0.1.0 packaging\secresponder.iss)
;
; The workspace (%LOCALAPPDATA%\secresponder) is the user's data: uninstalling leaves it.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6E0B6C55-2F1D-4F53-9B7C-5EC0A5D8A1E3}
AppName=secresponder
AppVersion={#AppVersion}
AppPublisher=secresponder
DefaultDirName={localappdata}\Programs\secresponder
DefaultGroupName=secresponder
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=secresponder-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\secresponder-window.exe
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked

[Files]
Source: "..\dist\secresponder\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\secresponder"; Filename: "{app}\secresponder-window.exe"; WorkingDir: "{userdocs}"
Name: "{userdesktop}\secresponder"; Filename: "{app}\secresponder-window.exe"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\secresponder-window.exe"; Description: "Start secresponder"; Flags: nowait postinstall skipifsilent
