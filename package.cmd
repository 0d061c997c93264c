@echo off
rem Build the one-folder app (dist\secresponder\) with PyInstaller, then smoke-test it.
rem All set-up is done by scripts\bootstrap.py, which the bash script of the same name uses too.
setlocal
cd /d "%~dp0"
set "PYEXE=%PYTHON%"
if not defined PYEXE (
    where py >nul 2>nul
    if errorlevel 1 (set "PYEXE=python") else (set "PYEXE=py")
)
"%PYEXE%" scripts\bootstrap.py package %*
exit /b %ERRORLEVEL%
