<?php
/**
 * The theme's own comment section, the part the plugin replaces: WordPress's list and form.
 */
?>
<section id="comments" class="theme-comments">
	<h2 class="theme-comments-title"><?php echo esc_html( get_comments_number() . ' Responses' ); ?></h2>
	<ol class="comment-list"><?php wp_list_comments(); ?></ol>
	<?php comment_form(); ?>
</section>
