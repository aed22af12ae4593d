package io.scriptgram.plugin;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A plugin from a git repository, with JGit: fetched into a bare repository of its own (automatic garbage collection
 * off, so nothing writes there in the background), then the commit's tree written out file by file. Links and
 * submodules are refused and the file-count and size limits apply before each file is written, as for an archive.
 */
final class GitSource {
    private GitSource() {}

    /**
     * Fetches {@code url} into the new bare repository {@code repoDir}, writes the tree of {@code ref} (a branch, tag
     * or commit; null: the remote's HEAD) into {@code files}; returns the commit's id.
     */
    static String fetch(String url, String ref, Path repoDir, Path files, SafeArchive.Limits limits)
            throws IOException {
        if (url.toLowerCase(Locale.ROOT).startsWith("http://")) PluginSource.checkTransport(URI.create(url));
        try (Git git = Git.init().setBare(true).setDirectory(repoDir.toFile()).call()) {
            Repository repo = git.getRepository();
            StoredConfig config = repo.getConfig();
            config.setInt("gc", null, "auto", 0);
            config.setBoolean("gc", null, "autoDetach", false);
            config.save();
            FetchResult fetched = git.fetch()
                    .setRemote(url)
                    .setRefSpecs(
                            new RefSpec("+refs/heads/*:refs/remotes/origin/*"), new RefSpec("+refs/tags/*:refs/tags/*"))
                    .call();
            ObjectId id = null;
            if (ref == null) {
                Ref head = fetched.getAdvertisedRef("HEAD");
                id = head == null ? null : head.getObjectId();
            } else {
                for (String t : List.of("refs/remotes/origin/" + ref, "refs/tags/" + ref, ref)) {
                    id = repo.resolve(t + "^{commit}");
                    if (id != null) break;
                }
            }
            if (id == null)
                throw new IOException(url + ": no branch, tag or commit '" + (ref == null ? "HEAD" : ref) + "'");
            try (RevWalk walk = new RevWalk(repo)) {
                RevCommit commit = walk.parseCommit(id);
                writeTree(repo, commit, files, limits);
                return commit.name();
            }
        } catch (GitAPIException | RevisionSyntaxException e) {
            throw new IOException(url + ": git: " + e.getMessage(), e);
        }
    }

    private static void writeTree(Repository repo, RevCommit commit, Path files, SafeArchive.Limits limits)
            throws IOException {
        Files.createDirectories(files);
        int count = 0;
        long total = 0;
        try (TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(commit.getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                String name = tw.getPathString();
                FileMode mode = tw.getFileMode(0);
                if (mode == FileMode.SYMLINK)
                    throw new IOException(
                            name + " is a symbolic link; a plugin may not hold links; nothing was" + " installed");
                if (mode == FileMode.GITLINK)
                    throw new IOException(name + " is a git submodule; a plugin's files must be in its repository");
                SafeArchive.checkName(name);
                ObjectLoader blob = repo.open(tw.getObjectId(0));
                count++;
                total += blob.getSize();
                if (count > limits.maxFiles())
                    throw new IOException("more than " + limits.maxFiles() + " files; a plugin may have at most that");
                if (total > limits.maxBytes())
                    throw new IOException("more than " + limits.maxBytes() + " bytes; a plugin may have at most that");
                Path target = files.resolve(name).normalize();
                if (!target.startsWith(files)) throw new IOException(name + " leaves the plugin's folder");
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
                    blob.copyTo(out);
                }
            }
        }
    }
}
