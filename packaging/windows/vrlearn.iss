; Inno Setup script: a per-user installer for VR Learn that needs no administrator rights.
; NOT RUN HERE: only the Linux build was built and tested; see README "Building the packaged app".
; Built by packaging\windows\build.ps1, which passes the version read from the vrlearn package:
;   iscc /DAppVersion=0.1.0 packaging\windows\vrlearn.iss
; Input: dist\VRLearn\ (PyInstaller, packaging\vrlearn.spec). Output: dist\VRLearn-<version>-setup.exe

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\windows\vrlearn.iss
#endif

[Setup]
AppId={{6C1F4B7E-2D0A-4F5C-9E61-8B4A3C2D9F10}
AppName=VR Learn
AppVersion={#AppVersion}
AppPublisher=VR Learn
; Per user, no admin: installs into the user's own Programs folder
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
DefaultDirName={localappdata}\Programs\VR Learn
DefaultGroupName=VR Learn
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\vrlearn.exe
OutputDir=..\..\dist
OutputBaseFilename=VRLearn-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "Create a &desktop shortcut"; GroupDescription: "Shortcuts:"; Flags: unchecked

[Files]
; The whole one-folder app. Learners' records are NOT here: they live in %APPDATA%\VRLearn
; (or in data\ beside vrlearn.exe in portable mode), so upgrades and uninstalls keep them.
Source: "..\..\dist\VRLearn\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\VR Learn"; Filename: "{app}\vrlearn.exe"; Comment: "Offline vocational rehabilitation training"
Name: "{userdesktop}\VR Learn"; Filename: "{app}\vrlearn.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\vrlearn.exe"; Description: "Open VR Learn now"; Flags: nowait postinstall skipifsilent
