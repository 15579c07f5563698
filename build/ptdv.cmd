@echo off
rem ptdv command line: runs the CLI inside the installed app (ptdv.exe --cli ...) and waits for it,
rem so scripts get its output and exit code. Add this folder to PATH to type "ptdv" anywhere.
"%~dp0ptdv.exe" --cli %*
exit /b %ERRORLEVEL%
