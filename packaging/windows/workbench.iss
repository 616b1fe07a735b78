; Inno Setup script for the Windows installer (Inno Setup 6.3 or later).
; Build the app first (`pyinstaller packaging/workbench.spec` -> dist\Workbench\), then:
;   iscc packaging\windows\workbench.iss
; The installer lands in dist\Workbench-<version>-windows-x64-setup.exe. The version is read
; from Workbench.exe, whose version resource the spec fills from pyproject.toml.

#define AppName "Workbench"
#define AppExe "Workbench.exe"
#define Dist AddBackslash(SourcePath) + "..\..\dist\Workbench"
#define AppVersion GetStringFileInfo(Dist + "\" + AppExe, "ProductVersion")
#define FileVersion GetVersionNumbersString(Dist + "\" + AppExe)

[Setup]
; AppId identifies the app for upgrades and uninstall: never change it.
AppId={{6F1E2B7C-3D4A-4E8B-9C21-5A7D0E9B4C36}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#FileVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Installs for the current user without administrator rights; an administrator may choose all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=Workbench-{#AppVersion}-windows-x64-setup
SetupIconFile=..\icons\workbench.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Dist}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

