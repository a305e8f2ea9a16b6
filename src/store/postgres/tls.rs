//! TLS to a PostgreSQL server, for a site that connects over the network
//! (`sslmode=require` in the URL). rustls, so that kiln builds and runs
//! without the system's OpenSSL.
//!
//! Unlike libpq's `require` (which encrypts but believes any certificate),
//! kiln always verifies the server's certificate and name, as libpq's
//! `verify-full` does: against the system's trusted CAs, Mozilla's, and the
//! CA file that `PGSSLROOTCERT` names (libpq's own variable), for a centre
//! that signs its server's certificate itself. A URL without `sslmode`, or
//! with `prefer` or `disable`, connects without TLS, as kiln always did: a
//! `prefer` that silently fell back would promise what it does not keep.

use std::sync::Arc;

use postgres::config::SslMode;
use postgres::{Client, Config, NoTls};
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use tokio_postgres_rustls::MakeRustlsConnect;

/// How a connection was made, so that cancelling its query goes the same way.
#[derive(Clone)]
pub enum Tls {
    None,
    Rustls(MakeRustlsConnect),
}

/// Connects as `config` says, with TLS when it requires it.
pub fn connect(config: &Config) -> Result<(Client, Tls), String> {
    if config.get_ssl_mode() != SslMode::Require {
        return config.connect(NoTls).map(|c| (c, Tls::None)).map_err(|e| super::message(&e));
    }
    let tls = MakeRustlsConnect::new(client_config()?);
    let client = config.connect(tls.clone()).map_err(|e| super::message(&e))?;
    Ok((client, Tls::Rustls(tls)))
}

impl Tls {
    pub fn cancel(&self, token: &postgres::CancelToken) {
        let _ = match self {
            Tls::None => token.cancel_query(NoTls),
            Tls::Rustls(tls) => token.cancel_query(tls.clone()),
        };
    }
}

fn client_config() -> Result<rustls::ClientConfig, String> {
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    // A system without a CA bundle still has Mozilla's roots above.
    roots.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
    if let Some(file) = std::env::var_os("PGSSLROOTCERT").filter(|f| !f.is_empty()) {
        let shown = std::path::Path::new(&file).display().to_string();
        let certs = CertificateDer::pem_file_iter(&file)
            .and_then(Iterator::collect::<Result<Vec<_>, _>>)
            .map_err(|e| format!("PGSSLROOTCERT={shown}: {e}"))?;
        let (added, _) = roots.add_parsable_certificates(certs);
        if added == 0 {
            return Err(format!("PGSSLROOTCERT={shown}: no CA certificate in it"));
        }
    }
    // ring, not aws-lc-rs: a plain Rust-and-cc build. rustls marks ring's
    // provider deprecated for lacking post-quantum key exchange, which a
    // PostgreSQL server's OpenSSL does not ask for: its classical suites
    // are the ones negotiated either way.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_root_certificates(roots)
        .with_no_client_auth())
}
