using System.Security.Cryptography;

namespace Smart.AspNetCore.Signing;

/// <summary>Reads the private key of a PEM document: PKCS#8, PKCS#1 RSA or SEC1 EC.</summary>
internal static class PemKeyReader
{
    /// <summary>Imports the first private key of <paramref name="pem"/>.</summary>
    /// <param name="pem">PEM text; other blocks (certificates, EC PARAMETERS) are skipped.</param>
    /// <param name="optionName">Option the text came from, for error messages.</param>
    /// <returns>An <see cref="RSA"/> or <see cref="ECDsa"/> with its private key; the caller owns it.</returns>
    public static AsymmetricAlgorithm Read(string pem, string optionName)
    {
        var sawPublic = false;
        var sawEncrypted = false;
        ReadOnlySpan<char> rest = pem;
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var label = rest[fields.Label];
            var base64 = rest[fields.Base64Data];
            var next = rest[fields.Location.End..];

            if (label.SequenceEqual("PRIVATE KEY"))
            {
                return ImportPkcs8(Decode(base64, optionName), optionName);
            }

            if (label.SequenceEqual("RSA PRIVATE KEY"))
            {
                return Import(RSA.Create(), static (rsa, der) => rsa.ImportRSAPrivateKey(der, out _), Decode(base64, optionName), optionName, "an RSA (PKCS#1)");
            }

            if (label.SequenceEqual("EC PRIVATE KEY"))
            {
                return Import(ECDsa.Create(), static (ec, der) => ec.ImportECPrivateKey(der, out _), Decode(base64, optionName), optionName, "an EC (SEC1)");
            }

            sawEncrypted |= label.SequenceEqual("ENCRYPTED PRIVATE KEY");
            sawPublic |= label.SequenceEqual("PUBLIC KEY") || label.SequenceEqual("RSA PUBLIC KEY") || label.SequenceEqual("CERTIFICATE");
            rest = next;
        }

        if (sawEncrypted)
        {
            throw SigningKeyException.For(optionName, "the PEM private key is encrypted, which is not supported. Decrypt it (for example 'openssl pkcs8 -in key.pem -out plain.pem'), protect the file with file-system permissions or a secret store, or use a PKCS#12 CertificateFile with CertificatePassword.");
        }

        if (sawPublic)
        {
            throw SigningKeyException.For(optionName, "the PEM contains only a public key or certificate, but a private key is required to sign. Provide the private key ('BEGIN PRIVATE KEY', 'BEGIN RSA PRIVATE KEY' or 'BEGIN EC PRIVATE KEY').");
        }

        throw SigningKeyException.For(optionName, "no PEM private key was found. Provide a PEM private key ('BEGIN PRIVATE KEY', 'BEGIN RSA PRIVATE KEY' or 'BEGIN EC PRIVATE KEY').");
    }

    private static byte[] Decode(ReadOnlySpan<char> base64, string optionName)
    {
        var buffer = new byte[base64.Length];
        if (!Convert.TryFromBase64Chars(base64, buffer, out var written))
        {
            throw SigningKeyException.For(optionName, "the PEM private key is not valid base64. Check that the PEM was copied completely.");
        }

        return buffer[..written];
    }

    private static AsymmetricAlgorithm ImportPkcs8(byte[] der, string optionName)
    {
        try
        {
            var rsa = RSA.Create();
            try
            {
                rsa.ImportPkcs8PrivateKey(der, out _);
                return rsa;
            }
            catch (CryptographicException)
            {
                rsa.Dispose();
            }

            var ec = ECDsa.Create();
            try
            {
                ec.ImportPkcs8PrivateKey(der, out _);
                return ec;
            }
            catch (CryptographicException ex)
            {
                ec.Dispose();
                throw SigningKeyException.For(optionName, "the PKCS#8 private key is neither an RSA nor an EC key, or is corrupt. Use an RSA (2048 bits or more) or EC P-256/P-384 key.", ex);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }

    private static T Import<T>(T algorithm, Action<T, byte[]> import, byte[] der, string optionName, string kind)
        where T : AsymmetricAlgorithm
    {
        try
        {
            import(algorithm, der);
            return algorithm;
        }
        catch (CryptographicException ex)
        {
            algorithm.Dispose();
            throw SigningKeyException.For(optionName, $"the PEM block is not {kind} private key or is corrupt. Check that the PEM was copied completely.", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }
}
