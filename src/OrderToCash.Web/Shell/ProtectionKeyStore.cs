using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace OrderToCash.Web.Shell;

/// <summary>
/// Data-protection keys in the database, so every `o2c serve` process on one database reads the others' cookies and
/// antiforgery tokens. The first start generates the key; nothing secret is in the repository.
/// </summary>
public sealed class ProtectionKeyStore(DbTarget target) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = target.OpenWeb();
        return db.ProtectionKeys.Select(k => k.Xml).ToList().Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var db = target.OpenWeb();
        db.ProtectionKeys.Add(new ProtectionKey
        {
            FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting)
        });
        db.SaveChanges();
    }
}
