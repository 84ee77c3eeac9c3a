using System.Diagnostics.CodeAnalysis;

// The conformance checks are test methods: they keep the repo's test naming, Method_Condition_Outcome (STYLE.md §15),
// so a failing check reads as what the store did wrong.
[assembly: SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Scope = "namespaceanddescendants", Target = "~N:Smart.AspNetCore.Testing.Conformance", Justification = "Test method names.")]
