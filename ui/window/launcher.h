#pragma once

struct CliRequest;

// Everything main() does: read the command line, then open the window, run headless,
// or print help. Kept out of app/ so that main stays a few lines.
class Launcher
{
public:
    static int main(int argc, char *argv[]);

private:
    static int runCommand(int argc, char *argv[], const CliRequest &request);
};
