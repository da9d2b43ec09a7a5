using OrderToCash.Cli;

return await CliApp.RunAsync(args);
