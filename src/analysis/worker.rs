//! The analysis on a thread of its own, so the window keeps drawing while a filter change is
//! counted. A request names the data, the filter, the minimum group size and the parts in the
//! order they are wanted (the view on screen first); each part is sent back the moment it is
//! done. Only the newest request counts: older ones waiting are skipped, and a request still
//! running stops at its next part when a newer one comes.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, TryRecvError, channel};
use std::time::Duration;

use super::parts::{Part, Partial, Piece};
use super::{Filter, Scope};
use crate::dataset::Dataset;

#[derive(Clone, Debug)]
pub struct Request {
    /// Counts the caller's data loads: replies for older data are told apart.
    pub generation: u64,
    pub dataset: Arc<Dataset>,
    pub filter: Filter,
    pub min_n: u64,
    pub parts: Vec<Part>,
}

/// One part of one request's results.
#[derive(Clone, Debug)]
pub struct Reply {
    pub generation: u64,
    pub filter: Filter,
    pub min_n: u64,
    pub piece: Piece,
}

/// The worker's thread has ended (it panicked).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Gone;

pub struct Worker {
    requests: Sender<Request>,
    replies: Receiver<Reply>,
}

impl Worker {
    /// Starts the thread; `notify` is called after each reply (the window asks for a redraw).
    pub fn start(notify: impl Fn() + Send + 'static) -> std::io::Result<Worker> {
        let (requests, inbox) = channel::<Request>();
        let (outbox, replies) = channel::<Reply>();
        std::thread::Builder::new()
            .name("valgpuls-analysis".to_string())
            .spawn(move || serve(&inbox, &outbox, &notify))?;
        Ok(Worker { requests, replies })
    }

    /// False when the thread is gone (it panicked): the caller computes in place instead.
    pub fn send(&self, request: Request) -> bool {
        self.requests.send(request).is_ok()
    }

    /// The next reply if one waits.
    pub fn try_recv(&self) -> Result<Option<Reply>, Gone> {
        match self.replies.try_recv() {
            Ok(reply) => Ok(Some(reply)),
            Err(TryRecvError::Empty) => Ok(None),
            Err(TryRecvError::Disconnected) => Err(Gone),
        }
    }

    /// Waits up to `timeout` for the next reply.
    pub fn recv_timeout(&self, timeout: Duration) -> Result<Reply, RecvTimeoutError> {
        self.replies.recv_timeout(timeout)
    }
}

/// The newest of `first` and whatever else waits.
fn newest(first: Request, inbox: &Receiver<Request>) -> Request {
    let mut request = first;
    while let Ok(newer) = inbox.try_recv() {
        request = newer;
    }
    request
}

fn serve(inbox: &Receiver<Request>, outbox: &Sender<Reply>, notify: &dyn Fn()) {
    let Ok(first) = inbox.recv() else { return };
    let mut next = Some(first);
    while let Some(request) = next.take() {
        let request = newest(request, inbox);
        next = run(&request, inbox, outbox, notify);
        if next.is_none() {
            match inbox.recv() {
                Ok(request) => next = Some(request),
                Err(_) => return,
            }
        }
    }
}

/// Computes a request's parts in order; returns a newer request that arrived meanwhile.
fn run(request: &Request, inbox: &Receiver<Request>, outbox: &Sender<Reply>, notify: &dyn Fn()) -> Option<Request> {
    let send = |piece: Piece| {
        let reply = Reply {
            generation: request.generation,
            filter: request.filter.clone(),
            min_n: request.min_n,
            piece,
        };
        if outbox.send(reply).is_ok() {
            notify();
        }
    };
    let scope = match Scope::new(&request.dataset, &request.filter) {
        Ok(scope) => scope,
        Err(error) => {
            let error = error.to_string();
            for part in &request.parts {
                send(Piece::failed(*part, &error));
            }
            return None;
        }
    };
    let mut partial = Partial::default();
    for part in &request.parts {
        match inbox.try_recv() {
            Ok(newer) => return Some(newer),
            Err(TryRecvError::Disconnected) => return None,
            Err(TryRecvError::Empty) => {}
        }
        partial.compute(&scope, request.min_n, *part);
        if let Some(piece) = partial.piece(*part) {
            send(piece);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyse_with;

    #[test]
    fn the_worker_sends_each_part_in_the_order_asked_and_they_equal_the_analysis() {
        let source = crate::import::Source {
            name: crate::sample::NAME.to_string(),
            bytes: crate::sample::BYTES.to_vec().into(),
        };
        let import = crate::import::import_sources(&[source], &crate::import::ImportOptions::default());
        let dataset = Arc::new(import.dataset);
        let worker = Worker::start(|| {}).unwrap();
        let parts = vec![Part::Details, Part::Summary];
        assert!(worker.send(Request {
            generation: 7,
            dataset: dataset.clone(),
            filter: Filter::default(),
            min_n: 1,
            parts: parts.clone(),
        }));
        let mut partial = Partial::default();
        for part in parts {
            let reply = worker.recv_timeout(Duration::from_secs(30)).unwrap();
            assert_eq!((reply.generation, reply.min_n, reply.piece.part()), (7, 1, part));
            partial.insert(reply.piece);
        }
        let results = partial.results().unwrap().unwrap();
        let direct = analyse_with(&dataset, &Filter::default(), 1).unwrap();
        assert_eq!(results.summary, direct.summary);
        assert_eq!(results.trend, direct.trend);
        assert_eq!(results.comparisons, direct.comparisons);
    }
}
