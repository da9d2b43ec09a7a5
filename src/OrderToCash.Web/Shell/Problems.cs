namespace OrderToCash.Web.Shell;

/// <summary>RFC 7807 answers: `type` is the named error, `detail` says what to do about it.</summary>
public static class Problems
{
    public static IResult Named(int status, string type, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, type: type, title: type);

    /// <summary>An unknown id, or an id of an entity the person may not see: the same 404, so nothing leaks.</summary>
    public static IResult NotFound(string what, string id) => Named(404, "NotFound", $"There is no {what} {id}.");

    /// <summary>A named refusal of a use case: 409 for a state conflict, 422 for a rule.</summary>
    public static IResult Refused<TError>(TError error, string detail, bool conflict = false) where TError : Enum =>
        Named(conflict ? 409 : 422, error.ToString(), detail);
}

/// <summary>Collects every bad field of a request body, then answers 400 naming all of them.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new();

    public bool IsValid => _errors.Count == 0;

    public Validation Check(bool ok, string field, string message)
    {
        if (!ok) (_errors.TryGetValue(field, out var list) ? list : _errors[field] = []).Add(message);
        return this;
    }

    public IResult Problem() => TypedResults.ValidationProblem(
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), type: "ValidationFailed", title: "ValidationFailed",
        detail: "Fix these fields: " + string.Join(", ", _errors.Keys) + ".");
}
